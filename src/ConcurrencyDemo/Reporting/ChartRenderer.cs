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
    public static IReadOnlyList<Chart> RenderAll(RunResult result)
    {
        List<Chart> charts = Kinds.Select(kind => new Chart(FileName(kind, result.Scenario.Name), Png(Build(kind, result)))).ToList();
        if (result.Pool is not null)
        {
            charts.Add(new Chart(ThreadPoolChart.FileName(result.Scenario.Name), Png(ThreadPoolChart.Build(result))));
        }

        return charts;
    }

    /// <summary>The original tool's file name for a chart of <paramref name="kind"/>.</summary>
    public static string FileName(ChartKind kind, string name) => kind switch
    {
        ChartKind.Histogram => $"latency_histogram_{name}.png",
        ChartKind.Percentiles => $"latency_percentiles_{name}.png",
        ChartKind.Timeline => $"latency_timeline_{name}.png",
        _ => $"request_rate_{name}.png",
    };

    /// <summary>
    /// Builds the plot of one chart, for callers that adjust it (shared axes, pairs) before rendering.
    /// Overheads are shown in <paramref name="unit"/>, or in the unit that suits their size.
    /// Every chart leaves with explicit axis limits: none below zero, since nothing it draws can be negative.
    /// </summary>
    public static Plot Build(ChartKind kind, RunResult result, OverheadUnit? unit = null)
    {
        unit ??= OverheadUnit.For(PeakOverheadMs(kind, result));
        return kind switch
        {
            ChartKind.Histogram => Histogram(result, unit),
            ChartKind.Percentiles => Percentiles(result, unit),
            ChartKind.Timeline => Timeline(result, unit),
            _ => RequestRate(result),
        };
    }

    /// <summary>The largest overhead a chart of <paramref name="kind"/> draws, in ms (0 for the rate chart).</summary>
    public static double PeakOverheadMs(ChartKind kind, RunResult result) => kind switch
    {
        ChartKind.Histogram => result.Statistics.Histogram.Select(b => b.ToMs).DefaultIfEmpty(0).Max(),
        ChartKind.Percentiles => result.Statistics.PercentileCurve.Select(p => p.OverheadMs).DefaultIfEmpty(0).Max(),
        ChartKind.Timeline => result.Statistics.Timeline.Select(t => t.P99Ms).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    /// <summary>The percentile axis's ticks: 0 % at 0, 90 % at 1, 99 % at 2, … 99.999 % at 5 (x = log10(1 / (1 − p))).</summary>
    public static IReadOnlyList<(double Position, string Label)> PercentileTicks { get; } =
        [(0, "0%"), (1, "90%"), (2, "99%"), (3, "99.9%"), (4, "99.99%"), (5, "99.999%")];

    /// <summary>Where percentile <paramref name="percentile"/> (0–100) sits on the 1/(1−p) log axis; p100 at the axis's end.</summary>
    public static double PercentileX(double percentile)
    {
        double last = PercentileTicks[^1].Position;
        double tail = 1 - percentile / 100;
        return tail <= 0 ? last : Math.Min(last, Math.Log10(1 / tail));
    }

    /// <summary>Shows the legend beside the data area, never on it.</summary>
    public static void LegendOutside(Plot plot) => plot.ShowLegend(Edge.Right);

    /// <summary>Autoscales, then keeps the y axis (and with <paramref name="xFromZero"/> the x axis) from going below zero.</summary>
    public static void NonNegativeLimits(Plot plot, bool xFromZero = false)
    {
        plot.Axes.AutoScale();
        AxisLimits l = plot.Axes.GetLimits();
        double top = l.Top > 0 ? l.Top : 1;
        plot.Axes.SetLimits(xFromZero ? Math.Max(0, l.Left) : l.Left, l.Right, 0, top);
    }

    /// <summary>A new plot in the house style: the font, a title with a second line, axis labels.</summary>
    public static Plot NewPlot(string title, string subtitle, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title($"{title}\n{TitleLines.Wrap(subtitle)}", size: 15);
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

    private static Plot Histogram(RunResult result, OverheadUnit unit)
    {
        Plot plot = NewPlot(result, "Latency overhead histogram", unit.Label("overhead"), "requests");
        IReadOnlyList<HistogramBin> bins = result.Statistics.Histogram;
        if (bins.Count > 0)
        {
            var bars = plot.Add.Bars(
                bins.Select(b => unit.From((b.FromMs + b.ToMs) / 2)).ToArray(),
                bins.Select(b => (double)b.Count).ToArray());
            double width = unit.From(bins[0].ToMs - bins[0].FromMs);
            foreach (Bar bar in bars.Bars)
            {
                bar.Size = width;
                bar.LineWidth = 0;
            }

            NonNegativeLimits(plot, xFromZero: true);
        }
        else
        {
            NoData(plot);
        }

        return plot;
    }

    private static Plot Percentiles(RunResult result, OverheadUnit unit)
    {
        Plot plot = NewPlot(result, "Latency overhead by percentile", "percentile (log scale of 1/(1−p))", unit.Label("overhead"));
        IReadOnlyList<PercentileValue> curve = result.Statistics.PercentileCurve;
        if (curve.Count > 0)
        {
            // As HdrHistogram's plotter draws it: each step of the x axis is ten times closer to p100,
            // so the tail that a linear 0–100 axis squeezes into its last pixel gets as much room as the body.
            var line = plot.Add.Scatter(curve.Select(p => PercentileX(p.Percentile)).ToArray(), curve.Select(p => unit.From(p.OverheadMs)).ToArray());
            line.MarkerSize = 0;
            line.LineWidth = 2;
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            foreach ((double position, string label) in PercentileTicks)
            {
                ticks.AddMajor(position, label);
            }

            plot.Axes.Bottom.TickGenerator = ticks;
            NonNegativeLimits(plot);
            AxisLimits l = plot.Axes.GetLimits();
            // A little room after the last tick so that its label is not cut off at the frame.
            plot.Axes.SetLimits(0, PercentileTicks[^1].Position + 0.25, 0, l.Top);
        }
        else
        {
            NoData(plot);
        }

        return plot;
    }

    private static Plot Timeline(RunResult result, OverheadUnit unit)
    {
        RunStatistics s = result.Statistics;
        string xLabel = s.TimelineBucketSeconds > 1
            ? $"intended start (s since run start; {s.TimelineBucketSeconds:0} s buckets)"
            : "intended start (s since run start)";
        Plot plot = NewPlot(result, "Latency overhead over time (p50, p90, p99)", xLabel, unit.Label("overhead"));
        if (s.Timeline.Count > 0)
        {
            double[] xs = s.Timeline.Select(t => t.FromSecond).ToArray();
            AddLine(plot, xs, s.Timeline.Select(t => unit.From(t.P50Ms)).ToArray(), "p50");
            AddLine(plot, xs, s.Timeline.Select(t => unit.From(t.P90Ms)).ToArray(), "p90");
            AddLine(plot, xs, s.Timeline.Select(t => unit.From(t.P99Ms)).ToArray(), "p99");
            SlowdownSpans.Add(plot, result.Scenario);
            MachineStallMarks.Add(plot, result);
            // Per-second data: a tick between two seconds would label a point that does not exist.
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            LegendOutside(plot);
            NonNegativeLimits(plot, xFromZero: true);
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
        RateSummary window = s.Rate;
        Plot plot = NewPlot(result, "Successful requests per second", "completion time (s since run start)", "successes per second");
        if (s.RatePerSecond.Count > 0)
        {
            // Exactly the seconds the Avg rate counts are drawn as the series; the partial seconds it
            // leaves out are shaded and drawn as faint points, so an edge second never reads as a drop.
            bool Counted(RatePoint r) => window.WholeRun || (r.Second >= window.FirstSecond && r.Second <= window.LastSecond);
            RatePoint[] counted = s.RatePerSecond.Where(Counted).ToArray();
            RatePoint[] leftOut = s.RatePerSecond.Where(r => !Counted(r)).ToArray();
            double first = s.RatePerSecond.Min(r => r.Second);
            double last = s.RatePerSecond.Max(r => r.Second);
            if (leftOut.Length > 0)
            {
                bool labelled = false;
                foreach ((double from, double to) in new[] { (first - 0.5, window.FirstSecond - 0.5), (window.LastSecond + 0.5, last + 0.5) })
                {
                    if (to > from)
                    {
                        var span = plot.Add.HorizontalSpan(from, to);
                        span.FillStyle.Color = Colors.Gray.WithAlpha(0.15);
                        span.LineStyle.Width = 0;
                        span.LegendText = labelled ? "" : "partial second:\nleft out of Avg rate";
                        labelled = true;
                    }
                }

                var edge = plot.Add.ScatterPoints(leftOut.Select(r => (double)r.Second).ToArray(), leftOut.Select(r => (double)r.Successes).ToArray());
                edge.Color = Colors.Gray;
                edge.MarkerSize = 5;
            }

            if (counted.Length > 0)
            {
                var line = plot.Add.Scatter(counted.Select(r => (double)r.Second).ToArray(), counted.Select(r => (double)r.Successes).ToArray());
                line.MarkerSize = counted.Length > 120 ? 0 : 4;
                line.LegendText = window.WholeRun ? "successes/s (run under 3 s:\nAvg rate over the whole run)" : "successes/s,\ncounted in Avg rate";
            }

            // Seconds after the last success in which calls still ended (as failures) are drawn at zero:
            // a chart that stopped at the last success would hide an outage that never ended.
            long lastCompletion = (long)Math.Floor(s.LastCompletion.TotalSeconds);
            if (lastCompletion > last)
            {
                double[] seconds = [.. Enumerable.Range(0, (int)(lastCompletion - (long)last)).Select(i => last + 1 + i)];
                var none = plot.Add.ScatterPoints(seconds, new double[seconds.Length]);
                none.Color = Colors.Black;
                none.MarkerSize = seconds.Length > 120 ? 2 : 4;
                none.LegendText = "no successes: calls\nstill ending, as failures";
                last = lastCompletion;
            }

            SlowdownSpans.Add(plot, result.Scenario);
            if (result.Scenario.HasRate)
            {
                // A closed loop without --rate offers no rate: nothing to draw.
                var target = plot.Add.HorizontalLine(result.Scenario.RatePerSecond);
                target.LinePattern = LinePattern.Dashed;
                target.LegendText = result.Scenario.Arrivals == ArrivalPattern.Closed ? "rate cap" : "offered rate";
            }

            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            LegendOutside(plot);
            double offered = result.Scenario.HasRate ? result.Scenario.RatePerSecond : 0;
            double top = Math.Max(Math.Max(offered, s.RatePerSecond.Max(r => (double)r.Successes)) * 1.1, 1);
            // Half a second either side so the edge seconds are not drawn on the frame; no tick falls below 0.
            plot.Axes.SetLimits(first - 0.5, last + 0.5, 0, top);
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
        string mode = sc.Engine switch
        {
            EngineKind.Sync => $"sync {sc.Threads} threads",
            EngineKind.ThreadPool => ThreadPoolText.Mode(sc.Pool!),
            _ => "async",
        };
        string clock = sc.Clock == ClockKind.Virtual ? ", virtual clock" : "";
        string partial = result.Partial ? ", PARTIAL" : "";
        return $"{sc.Name}: {mode}, {ClosedLoopText.Load(sc)}, {Units.Upstreams(sc)}{clock}{partial}";
    }

    /// <summary>Marks an empty plot as such.</summary>
    public static void NoData(Plot plot, string message = "no successful requests to show")
    {
        var text = plot.Add.Text(message, 0.5, 0.5);
        text.LabelFontName = FontName;
        text.LabelFontSize = 16;
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(0, 1, 0, 1);
    }
}
