using ConcurrencyDemo.Reproduction;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;

namespace ConcurrencyDemo.Tests.Reproduction;

public sealed class E14TailAtScaleTests
{
    private static FanoutSweepPoint Point(double closedForm, long sent, long slow)
    {
        Scenario scenario = TestScenarios.Build(1000, sent, "mix(10ms,1s@1%)");
        var statistics = new ScenarioRun(scenario with { Timeout = TimeSpan.FromMilliseconds(1) }).Run(CancellationToken.None).Statistics with { Timeouts = slow };
        return new FanoutSweepPoint(0.01, 100, scenario, closedForm, new RunResult(scenario, statistics, null, false));
    }

    [Fact]
    public void Judge_MatchesWithinFourStandardDeviations_DiffersBeyond()
    {
        // c = 0.634, n = 10 000: sd = 0.0048, so 4 sd ≈ 0.0194.
        Assert.Equal(Verdict.Matches, E14TailAtScale.Judge([Point(0.634, 10_000, 6_500)]).Verdict);
        Assert.Equal(Verdict.Differs, E14TailAtScale.Judge([Point(0.634, 10_000, 6_600)]).Verdict);
    }
}
