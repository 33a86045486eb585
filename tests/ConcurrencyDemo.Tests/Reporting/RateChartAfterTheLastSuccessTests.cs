using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ScottPlot;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>
/// A run whose successes stop while its calls go on failing (an outage that does not end) must show
/// those seconds at zero: a rate chart that ends at the last success hides the outage.
/// </summary>
public sealed class RateChartAfterTheLastSuccessTests
{
    [Fact]
    public void TheRateChart_RunsToTheLastCompletion_WithTheSecondsWithoutSuccessAtZero()
    {
        // Every endpoint turns into a black hole at 5 s: calls go on timing out to the end, nothing succeeds.
        Scenario scenario = new ScenarioBuilder
        {
            Rate = "100",
            RequestCount = "1999",
            Latency = "10ms*2",
            Timeout = "100ms",
            Slowdowns = ["all=1s@5-19.99"],
            Clock = ClockKind.Virtual,
        }.Build();
        RunResult result = new ScenarioRun(scenario).Run(CancellationToken.None);
        Assert.True(result.Statistics.LastCompletion.TotalSeconds > 19);

        Plot plot = ChartRenderer.Build(ChartKind.RequestRate, result);
        AxisLimits limits = plot.Axes.GetLimits();
        Assert.True(limits.Right >= 19, $"the x axis ends at {limits.Right} s, before the failures do");
        Assert.Contains(plot.GetPlottables(), p => p.LegendItems.Any(i => i.LabelText.Contains("no successes", StringComparison.Ordinal)));
    }
}
