using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Scenarios;

public sealed class ScenarioTheoryTests
{
    [Fact]
    public void ArticleE5_FiftyThreadsAt60ms_Serve833PerSecond()
    {
        Scenario s = Build("1000", "10000", "60ms*10", EngineKind.Sync, "50");
        Assert.Equal(50 / 0.06, ScenarioTheory.SyncCapacityPerSecond(s), 6);
        Assert.Equal(50 / 0.06, ScenarioTheory.ExpectedSuccessRate(s), 6);
        Assert.Equal(1000 - (50 / 0.06), ScenarioTheory.QueueGrowthPerSecond(s), 6);
        Assert.Equal(10000 / (50 / 0.06) + 0.06, ScenarioTheory.ExpectedDuration(s).TotalSeconds, 3);
    }

    [Fact]
    public void ArticleE3_DeadEndpoint_HoldsThreadsForTheTimeout()
    {
        Scenario sync = Build("1000", "10000", "20ms*9,30s", EngineKind.Sync, "50");
        Assert.Equal(TimeSpan.FromMilliseconds(3018), ScenarioTheory.MeanHoldTime(sync));
        Assert.Equal(0.9, ScenarioTheory.SuccessFraction(sync), 9);
        Assert.Equal(50 / 3.018 * 0.9, ScenarioTheory.ExpectedSuccessRate(sync), 6);

        Scenario async = Build("1000", "10000", "20ms*9,30s", EngineKind.Async, null);
        Assert.Equal(double.PositiveInfinity, ScenarioTheory.SyncCapacityPerSecond(async));
        Assert.Equal(900, ScenarioTheory.ExpectedSuccessRate(async), 6);
        Assert.Equal(0, ScenarioTheory.QueueGrowthPerSecond(async));
        Assert.Equal(10 + 30, ScenarioTheory.ExpectedDuration(async).TotalSeconds, 3);
    }

    [Fact]
    public void ArticleE1_BelowCapacity_TakesNumReqOverRate()
    {
        Scenario s = Build("1000", "10000", "20ms*10", EngineKind.Sync, "50");
        Assert.Equal(0, ScenarioTheory.QueueGrowthPerSecond(s));
        Assert.Equal(10.02, ScenarioTheory.ExpectedDuration(s).TotalSeconds, 3);
    }

    [Fact]
    public void Theory_AgreesWithTheVirtualClock_ForArticleE5()
    {
        Scenario s = Build("1000", "20000", "60ms*10", EngineKind.Sync, "50", ClockKind.Virtual);
        RunResult result = new ScenarioRun(s).Run(CancellationToken.None);
        Assert.Equal(ScenarioTheory.ExpectedSuccessRate(s), result.Statistics.Rate.Average, 833 * 0.01);
        Assert.Equal(ScenarioTheory.ExpectedDuration(s).TotalSeconds, result.Statistics.LastCompletion.TotalSeconds, 0.5);
    }

    [Fact]
    public void ExpectedDuration_Huge_SaturatesInsteadOfOverflowing()
    {
        Scenario s = Build("10000000", "9000000000000", "30s", EngineKind.Sync, "1", ClockKind.Virtual);
        Assert.Equal(TimeSpan.MaxValue, ScenarioTheory.ExpectedDuration(s));
    }

    private static Scenario Build(string rate, string count, string latency, EngineKind engine, string? threads, ClockKind clock = ClockKind.Real) =>
        new ScenarioBuilder { Rate = rate, RequestCount = count, Latency = latency, Engine = engine, Threads = threads, Clock = clock }.Build();
}
