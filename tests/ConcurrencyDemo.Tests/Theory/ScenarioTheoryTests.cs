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
}
