using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Tests.Theory;

public sealed class ScenarioTheoryTests
{
    [Fact]
    public void E3Sync_LittlesLaw()
    {
        ScenarioTheory theory = ScenarioTheory.For(TestScenarios.Build(1000, 10_000, "20ms*9,30s", threads: 50));

        Assert.Equal(3.018, theory.MeanHold.TotalSeconds, 6);
        Assert.Equal(50 / 3.018, theory.CapacityPerSecond, 6);
        Assert.Equal(0.9, theory.SuccessFraction, 9);
        Assert.Equal(50 / 3.018 * 0.9, theory.ExpectedSuccessRate, 6);
        Assert.Equal(1000 - (50 / 3.018), theory.QueueGrowthPerSecond, 6);
    }

    [Fact]
    public void E5Sync_833()
    {
        ScenarioTheory theory = ScenarioTheory.For(TestScenarios.Build(1000, 10_000, "60ms*10", threads: 50));

        Assert.Equal(833.333, theory.ExpectedSuccessRate, 2);
        Assert.Equal(166.667, theory.QueueGrowthPerSecond, 2);
    }

    [Fact]
    public void Async_IsRateTimesSuccessFraction()
    {
        ScenarioTheory theory = ScenarioTheory.For(TestScenarios.Build(1000, 10_000, "20ms*9,30s"));

        Assert.Equal(900, theory.ExpectedSuccessRate, 9);
        Assert.Equal(0, theory.QueueGrowthPerSecond);
        Assert.True(double.IsPositiveInfinity(theory.CapacityPerSecond));
    }

    [Fact]
    public void EndpointsAtTheTimeoutHoldForTheTimeoutOnly()
    {
        ScenarioTheory theory = ScenarioTheory.For(TestScenarios.Build(10, 10, "1m", threads: 2, timeout: "1s"));

        Assert.Equal(TimeSpan.FromSeconds(1), theory.MeanHold);
        Assert.Equal(0, theory.ExpectedSuccessRate);
    }

    [Fact]
    public void ThreadPool_BelowItsMaximum_SaysTheMaximumIsAllThatCapsItInTheSteadyState()
    {
        // "capacity 327670/s" alone read as a measured limit; it is the pool's maximum of threads, reached
        // only after the injection the pool's own theory line describes.
        var scenario = new ScenarioBuilder
        {
            Engine = EngineKind.ThreadPool,
            Clock = ClockKind.Virtual,
            Rate = "200",
            RequestCount = "2000",
            Latency = "100ms",
            Block = BlockKind.Sleep,
            ProcessorCount = 2,
        }.Build();

        ScenarioTheory theory = ScenarioTheory.For(scenario);

        Assert.Equal(327_670, theory.CapacityPerSecond, 6);
        Assert.Equal(
            "none in the steady state (the pool's maximum of 32767 threads / 0.1 s mean hold allows 327670/s ≥ offered 200/s; how soon the pool gets enough threads: see the pool's theory)",
            theory.Bottleneck);
    }
}
