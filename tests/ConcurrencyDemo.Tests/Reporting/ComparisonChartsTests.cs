using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using SkiaSharp;

namespace ConcurrencyDemo.Tests.Reporting;

public sealed class ComparisonChartsTests
{
    [Fact]
    public void RenderAll_GivesFourSideBySidePairs()
    {
        RunResult sync = Run(EngineKind.Sync);
        RunResult async = Run(EngineKind.Async);

        IReadOnlyList<ChartRenderer.Chart> charts = ComparisonCharts.RenderAll(sync, async, "e3");

        Assert.Equal(
            ["compare_latency_histogram_e3.png", "compare_latency_percentiles_e3.png", "compare_latency_timeline_e3.png", "compare_request_rate_e3.png"],
            charts.Select(c => c.FileName));
        foreach (ChartRenderer.Chart chart in charts)
        {
            using SKBitmap bitmap = SKBitmap.Decode(chart.Png);
            Assert.Equal(2 * ChartRenderer.Width, bitmap.Width);
            Assert.Equal(ChartRenderer.Height, bitmap.Height);
        }
    }

    private static RunResult Run(EngineKind engine) => new ScenarioRun(new ScenarioBuilder
    {
        Name = engine.ToString(),
        Rate = "1000",
        RequestCount = "2000",
        Latency = "20ms*9,30s",
        Engine = engine,
        Threads = engine == EngineKind.Sync ? "50" : null,
        Clock = ClockKind.Virtual,
    }.Build()).Run(CancellationToken.None);
}
