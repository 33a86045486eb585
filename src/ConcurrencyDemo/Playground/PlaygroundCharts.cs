using System.Globalization;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Theory;
using ScottPlot;

namespace ConcurrencyDemo.Playground;

/// <summary>
/// The playground's charts of a sync and an async run, as SVG drawn on the server by the same
/// ScottPlot code as the PNG files (one drawing code for every output, no script library to vendor).
/// The rate chart also draws the theory's expected Avg rate. Drawn by <see cref="SvgDrawing"/>, each label one run of text
/// (<see cref="SvgLabels"/>).
/// </summary>
public static class PlaygroundCharts
{
    private const int Width = 820;
    private const int Height = 440;

    /// <summary>The kinds the page shows, in its order, with the key the page knows each by.</summary>
    public static IReadOnlyList<(string Key, ChartKind Kind)> Kinds { get; } =
        [("rate", ChartKind.RequestRate), ("timeline", ChartKind.Timeline), ("percentiles", ChartKind.Percentiles)];

    /// <summary>Each kind's pair of SVG documents: sync (left) and async (right).</summary>
    /// <remarks>
    /// One kind after the other: drawing them at once (a task each) measured slower on a busy 2-core machine
    /// (PlaygroundRequestBenchmarks, 55.7 ms against 44.5 ms at load average 5–16).
    /// </remarks>
    public static IReadOnlyList<(string Key, string Sync, string Async)> Render(RunResult sync, RunResult async) =>
        [.. Kinds.Select(k => RenderKind(k.Key, k.Kind, sync, async))];

    /// <summary>One kind's pair of SVG documents.</summary>
    private static (string Key, string Sync, string Async) RenderKind(string key, ChartKind kind, RunResult sync, RunResult async)
    {
        (Plot left, Plot right) = ComparisonCharts.Build(kind, sync, async);
        if (kind == ChartKind.RequestRate)
        {
            AddTheory(left, sync);
            AddTheory(right, async);
        }

        return (key, Svg(left), Svg(right));
    }

    private static string Svg(Plot plot) => SvgLabels.OneRunEach(SvgDrawing.Of(plot, Width, Height));

    // Little's law's expected Avg rate next to the measured one: where they part is the article's point.
    private static void AddTheory(Plot plot, RunResult result)
    {
        if (result.Statistics.RatePerSecond.Count == 0)
        {
            return;
        }

        double expected = ScenarioTheory.For(result.Scenario).ExpectedSuccessRate;
        var line = plot.Add.HorizontalLine(expected);
        line.LinePattern = LinePattern.Dotted;
        line.LineWidth = 2;
        line.Color = Colors.DarkRed;
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"theory: Avg rate {expected:0.###}");
    }
}
