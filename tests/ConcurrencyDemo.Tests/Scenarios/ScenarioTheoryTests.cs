using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Tests.Scenarios;

public sealed class ScenarioTheoryTests
{
    [Fact]
    public void ArticleE5_FiftyThreadsAt60ms_Serve833PerSecond()
    {
        Scenario s = Build("1000", "10000", "60ms*10", EngineKind.Sync, "50");
        Assert.Equal(50 / 0.06, ScenarioTheory.For(s).CapacityPerSecond, 6);
        Assert.Equal(50 / 0.06, ScenarioTheory.For(s).ExpectedSuccessRate, 6);
        Assert.Equal(1000 - (50 / 0.06), ScenarioTheory.For(s).QueueGrowthPerSecond, 6);
        Assert.Equal(10000 / (50 / 0.06) + 0.06, ScenarioTheory.For(s).ExpectedDuration.TotalSeconds, 3);
    }

    [Fact]
    public void ArticleE3_DeadEndpoint_HoldsThreadsForTheTimeout()
    {
        Scenario sync = Build("1000", "10000", "20ms*9,30s", EngineKind.Sync, "50");
        Assert.Equal(TimeSpan.FromMilliseconds(3018), ScenarioTheory.For(sync).MeanHold);
        Assert.Equal(0.9, ScenarioTheory.For(sync).SuccessFraction, 9);
        Assert.Equal(50 / 3.018 * 0.9, ScenarioTheory.For(sync).ExpectedSuccessRate, 6);

        Scenario async = Build("1000", "10000", "20ms*9,30s", EngineKind.Async, null);
        Assert.Equal(double.PositiveInfinity, ScenarioTheory.For(async).CapacityPerSecond);
        Assert.Equal(900, ScenarioTheory.For(async).ExpectedSuccessRate, 6);
        Assert.Equal(0, ScenarioTheory.For(async).QueueGrowthPerSecond);
        Assert.Equal(10 + 30, ScenarioTheory.For(async).ExpectedDuration.TotalSeconds, 3);
    }

    [Fact]
    public void ArticleE1_BelowCapacity_TakesNumReqOverRate()
    {
        Scenario s = Build("1000", "10000", "20ms*10", EngineKind.Sync, "50");
        Assert.Equal(0, ScenarioTheory.For(s).QueueGrowthPerSecond);
        Assert.Equal(10.02, ScenarioTheory.For(s).ExpectedDuration.TotalSeconds, 3);
    }

    [Fact]
    public void Theory_AgreesWithTheVirtualClock_ForArticleE5()
    {
        Scenario s = Build("1000", "20000", "60ms*10", EngineKind.Sync, "50", ClockKind.Virtual);
        RunResult result = new ScenarioRun(s).Run(CancellationToken.None);
        // Exact (deterministic): 0.04 % below Little's 833.33; the last completion at 24.049 s against the theory's 24.06 s.
        Assert.Equal(833.0434782608696, result.Statistics.Rate.Average, 12);
        Assert.Equal(TimeSpan.FromTicks(240_490_000), result.Statistics.LastCompletion);
        Assert.Equal(ScenarioTheory.For(s).ExpectedDuration.TotalSeconds, result.Statistics.LastCompletion.TotalSeconds, 0.02);
    }

    [Fact]
    public void ExpectedDuration_Huge_SaturatesInsteadOfOverflowing()
    {
        Scenario s = Build("10000000", "9000000000000", "30s", EngineKind.Sync, "1", ClockKind.Virtual);
        Assert.Equal(TimeSpan.MaxValue, ScenarioTheory.For(s).ExpectedDuration);
    }

    private static Scenario Build(string rate, string count, string latency, EngineKind engine, string? threads, ClockKind clock = ClockKind.Real) =>
        new ScenarioBuilder { Rate = rate, RequestCount = count, Latency = latency, Engine = engine, Threads = threads, Clock = clock }.Build();
}
