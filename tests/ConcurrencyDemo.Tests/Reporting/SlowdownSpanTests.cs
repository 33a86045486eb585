using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Tests.Engines;
using ScottPlot;
using ScottPlot.Plottables;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>Every chart with seconds on its x axis shades each slowdown window; the others do not.</summary>
public sealed class SlowdownSpanTests
{
    private static readonly Lazy<RunResult> s_run = new(() => new ScenarioRun(
        UpstreamBehaviourRunTests.Build("20ms*4", threads: 50, rate: 500, requests: 3000, slowdowns: ["0=5s@2-3", "all=200ms@4-4.5"])).Run(CancellationToken.None));

    [Theory]
    [InlineData(ChartKind.Timeline)]
    [InlineData(ChartKind.RequestRate)]
    public void TimeAxes_ShadeEachWindow(ChartKind kind)
    {
        Plot plot = ChartRenderer.Build(kind, s_run.Value);

        HorizontalSpan[] spans = [.. plot.GetPlottables().OfType<HorizontalSpan>().Where(s => s.FillStyle.Color == SlowdownSpans.Fill)];
        Assert.Equal([(2.0, 3.0), (4.0, 4.5)], spans.Select(s => (s.X1, s.X2)));
        Assert.Equal(["slowdown 0=5s@2-3", "slowdown all=200ms@4-4.5"], spans.Select(s => s.LegendText));
    }

    [Theory]
    [InlineData(ChartKind.Histogram)]
    [InlineData(ChartKind.Percentiles)]
    public void OtherAxes_HaveNoWindow(ChartKind kind)
    {
        Plot plot = ChartRenderer.Build(kind, s_run.Value);

        Assert.DoesNotContain(plot.GetPlottables().OfType<HorizontalSpan>(), s => s.FillStyle.Color == SlowdownSpans.Fill);
    }
}
