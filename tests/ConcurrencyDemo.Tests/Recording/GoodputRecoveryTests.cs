using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Recording;

/// <summary>When goodput came back after a disturbance, read from a run's successes per second.</summary>
public sealed class GoodputRecoveryTests
{
    private static RunResult Run(string slowdown, long requests = 2_000) => new ScenarioRun(new ScenarioBuilder
    {
        Rate = "100",
        RequestCount = requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Latency = "10ms*2",
        Timeout = "100ms",
        Slowdowns = [slowdown],
        Clock = ClockKind.Virtual,
    }.Build()).Run(CancellationToken.None);

    [Fact]
    public void ABlackHoleWindow_RecoversTheSecondItEnds()
    {
        RunResult r = Run("all=1s@5-8");
        Assert.Equal(TimeSpan.Zero, GoodputRecovery.After(r.Statistics, 100, TimeSpan.FromSeconds(8), r.Scenario.LoadDuration));
    }

    [Fact]
    public void ABlackHoleToTheEnd_DidNotRecover()
    {
        RunResult r = Run("all=1s@5-19.98", requests: 1_999);
        Assert.Null(GoodputRecovery.After(r.Statistics, 100, TimeSpan.FromSeconds(8), r.Scenario.LoadDuration));
    }

    [Fact]
    public void AWindowEndingMidSecond_CountsFromTheNextWholeSecond()
    {
        RunResult r = Run("all=1s@5-8.5");
        Assert.Equal(TimeSpan.FromSeconds(0.5), GoodputRecovery.After(r.Statistics, 100, TimeSpan.FromSeconds(8.5), r.Scenario.LoadDuration));
    }
}
