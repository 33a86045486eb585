using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Running;

/// <summary>
/// The JIT warm-up sends its burst through the run's own upstream behaviour (distributions, slowdowns,
/// fan-out, upstream capacity) over two endpoints of its own: a scenario with one endpoint must not
/// make the burst ask for a second endpoint's distribution (sync crashed the process, async lost the error).
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class WarmUpWithUpstreamBehaviourTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(null)]
    public void OneDistributionEndpoint_RunsOnTheRealClock(int? threads)
    {
        Scenario scenario = TestScenarios.Build(200, 20, "exp(2ms)", threads, ClockKind.Real, "1s");
        RunResult r = new ScenarioRun(scenario).Run(CancellationToken.None);
        Assert.Equal(20, r.Statistics.Successes);
    }
}
