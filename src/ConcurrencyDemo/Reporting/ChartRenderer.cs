using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ScottPlot;

namespace ConcurrencyDemo.Reporting;

/// <summary>
/// Draws the four charts of the original tool, with the same file names:
/// <c>latency_histogram_{name}.png</c>, <c>latency_percentiles_{name}.png</c>,
/// <c>latency_timeline_{name}.png</c> and <c>request_rate_{name}.png</c>.
/// </summary>
public static class ChartRenderer
{
    public const int Width = 900;
    public const int Height = 540;
    private const string FontName = "DejaVu Sans";

    /// <summary>One rendered chart: its file name and PNG bytes.</summary>
    public sealed record Chart(string FileName, byte[] Png);

    /// <summary>The four kinds, in the order they are written.</summary>
    public static IReadOnlyList<ChartKind> Kinds { get; } = [ChartKind.Histogram, ChartKind.Percentiles, ChartKind.Timeline, ChartKind.RequestRate];

    /// <summary>Renders all four charts in memory (the caller decides where they go).</summary>
    public static IReadOnlyList<Chart> RenderAll(RunResult result) =>
        Kinds.Select(kind => new Chart(FileName(kind, result.Scenario.Name), Png(Build(kind, result)))).ToList();

    /// <summary>The original tool's file name for a chart of <paramref name="kind"/>.</summary>
    public static string FileName(ChartKind kind, string name) => kind switch
    {
        ChartKind.Histogram => $"latency_histogram_{name}.png",
        ChartKind.Percentiles => $"latency_percentiles_{name}.png",
        ChartKind.Timeline => $"latency_timeline_{name}.png",
        _ => $"request_rate_{name}.png",
    };

    /// <summary>Builds the plot of one chart, for callers that adjust it (shared axes, pairs) before rendering.</summary>
    public static Plot Build(ChartKind kind, RunResult result) => kind switch
    {
        ChartKind.Histogram => Histogram(result),
        ChartKind.Percentiles => Percentiles(result),
        ChartKind.Timeline => Timeline(result),
        _ => RequestRate(result),
    };

    /// <summary>A new plot in the house style: the font, a title with a second line, axis labels.</summary>
    public static Plot NewPlot(string title, string subtitle, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title($"{title}\n{subtitle}", size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        return plot;
    }

    /// <summary>Renders a plot as PNG bytes at the standard size.</summary>
    public static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Adds a line series in the house style (markers only when there are few points).</summary>
    public static void AddLine(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.LegendText = label;
        line.MarkerSize = xs.Length > 120 ? 0 : 3;
        line.LineWidth = 2;
    }

    private static Plot Histogram(RunResult result)
    {
        Plot plot = NewPlot(result, "Latency overhead histogram", "overhead (ms)", "requests");
        IReadOnlyList<HistogramBin> bins = result.Statistics.Histogram;
        if (bins.Count > 0)
        {
            var bars = plot.Add.Bars(
                bins.Select(b => (b.FromMs + b.ToMs) / 2).ToArray(),
                bins.Select(b => (double)b.Count).ToArray());
            double width = bins[0].ToMs - bins[0].FromMs;
            foreach (Bar bar in bars.Bars)
            {
                bar.Size = width;
                bar.LineWidth = 0;
            }

            plot.Axes.Margins(bottom: 0);
        }
        else
        {
            NoData(plot);
        }

        return plot;
    }

    private static Plot Percentiles(RunResult result)
    {
        Plot plot = NewPlot(result, "Latency overhead by percentile", "percentile", "overhead (ms)");
        IReadOnlyList<PercentileValue> curve = result.Statistics.PercentileCurve;
        if (curve.Count > 0)
        {
            var line = plot.Add.Scatter(curve.Select(p => p.Percentile).ToArray(), curve.Select(p => p.OverheadMs).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = 2;
            plot.Axes.SetLimitsX(0, 100);
        }
        else
        {
            NoData(plot);
        }

        return plot;
    }

    private static Plot Timeline(RunResult result)
    {
        RunStatistics s = result.Statistics;
        string xLabel = s.TimelineBucketSeconds > 1
            ? $"intended start (s since run start; {s.TimelineBucketSeconds:0} s buckets)"
            : "intended start (s since run start)";
        Plot plot = NewPlot(result, "Latency overhead over time (p50, p90, p99)", xLabel, "overhead (ms)");
        if (s.Timeline.Count > 0)
        {
            double[] xs = s.Timeline.Select(t => t.FromSecond).ToArray();
            AddLine(plot, xs, s.Timeline.Select(t => t.P50Ms).ToArray(), "p50");
            AddLine(plot, xs, s.Timeline.Select(t => t.P90Ms).ToArray(), "p90");
            AddLine(plot, xs, s.Timeline.Select(t => t.P99Ms).ToArray(), "p99");
            plot.ShowLegend(Alignment.UpperLeft);
        }
        else
        {
            NoData(plot);
        }

        return plot;
    }

    private static Plot RequestRate(RunResult result)
    {
        RunStatistics s = result.Statistics;
        Plot plot = NewPlot(result, "Successful requests per second", "completion time (s since run start)", "successes per second");
        if (s.RatePerSecond.Count > 0)
        {
            double[] xs = s.RatePerSecond.Select(r => (double)r.Second).ToArray();
            double[] ys = s.RatePerSecond.Select(r => (double)r.Successes).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.MarkerSize = xs.Length > 120 ? 0 : 4;
            line.LegendText = "successes/s";
            var target = plot.Add.HorizontalLine(result.Scenario.RatePerSecond);
            target.LinePattern = LinePattern.Dashed;
            target.LegendText = "offered rate";
            plot.Axes.Margins(bottom: 0);
            plot.ShowLegend(Alignment.LowerRight);
        }
        else
        {
            NoData(plot);
        }

        return plot;
    }

    private static Plot NewPlot(RunResult result, string title, string xLabel, string yLabel) =>
        NewPlot(title, Subtitle(result), xLabel, yLabel);

    /// <summary>The second title line: name, mode, rate, latencies, clock.</summary>
    public static string Subtitle(RunResult result)
    {
        Scenario sc = result.Scenario;
        string mode = sc.Engine == EngineKind.Sync ? $"sync {sc.Threads} threads" : "async";
        string clock = sc.Clock == ClockKind.Virtual ? ", virtual clock" : "";
        string partial = result.Partial ? ", PARTIAL" : "";
        return $"{sc.Name}: {mode}, {sc.RatePerSecond:0.###} rps, {Units.LatencyList(sc.EndpointLatencies)}{clock}{partial}";
    }

    /// <summary>Marks an empty plot as such.</summary>
    public static void NoData(Plot plot, string message = "no successful requests to show")
    {
        var text = plot.Add.Text(message, 0, 0);
        text.LabelFontName = FontName;
        text.LabelFontSize = 16;
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(-1, 1, -1, 1);
    }
}
