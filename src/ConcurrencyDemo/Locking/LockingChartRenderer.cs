using ConcurrencyDemo.Reporting;
using ScottPlot;

namespace ConcurrencyDemo.Locking;

/// <summary>
/// Draws, per mode, the article's picture — worker threads producing, writing or waiting over time
/// (<c>{name}_workers_{mode}.png</c>) — and the flow of events with the queue's depth
/// (<c>{name}_events_{mode}.png</c>). Same size and font as <see cref="ChartRenderer"/>.
/// </summary>
public static class LockingChartRenderer
{
    private const string FontName = "DejaVu Sans";

    private static readonly Color s_producing = Color.FromHex("#2ca02c");
    private static readonly Color s_writing = Color.FromHex("#ff7f0e");
    private static readonly Color s_waiting = Color.FromHex("#d62728");

    /// <summary>Renders the charts of every mode in memory (the caller decides where they go).</summary>
    public static IReadOnlyList<ChartRenderer.Chart> RenderAll(IReadOnlyList<LockingResult> results, string name) =>
        results.SelectMany(r => new ChartRenderer.Chart[]
        {
            new($"{name}_workers_{ModeName(r)}.png", Workers(r)),
            new($"{name}_events_{ModeName(r)}.png", Events(r)),
        }).ToList();

    private static byte[] Workers(LockingResult result)
    {
        string title = result.Mode == LockingMode.Coarse
            ? "Coarse-grained lock: what the worker threads do"
            : "Sink owned by one thread: what the worker threads do";
        Plot plot = NewPlot(result, title, "time since start (s)", "worker threads");
        double width = result.BucketSeconds;
        var bars = new List<Bar>();
        foreach (TimelineBucket b in result.Timeline)
        {
            double x = b.FromSecond + (width / 2);
            bars.Add(Stacked(x, width, 0, b.Producing, s_producing));
            bars.Add(Stacked(x, width, b.Producing, b.Producing + b.Writing, s_writing));
            bars.Add(Stacked(x, width, b.Producing + b.Writing, b.Producing + b.Writing + b.Waiting, s_waiting));
        }

        plot.Add.Bars(bars);
        AddSlowdown(plot, result, result.Options.Workers * 1.37);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "producing events", FillColor = s_producing });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "writing (holding the lock)", FillColor = s_writing });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "waiting to hand off", FillColor = s_waiting });
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.FontName = FontName;
        plot.ShowLegend();
        plot.Axes.SetLimits(0, result.Options.Duration.TotalSeconds, 0, result.Options.Workers * 1.4);
        return Png(plot);
    }

    private static byte[] Events(LockingResult result)
    {
        string title = result.Mode == LockingMode.Coarse
            ? "Coarse-grained lock: events per second and threads queued at the lock"
            : "Sink owned by one thread: events per second and queue depth";
        Plot plot = NewPlot(result, title, "time since start (s)", "events per second");
        double[] xs = result.Timeline.Select(b => b.FromSecond + (result.BucketSeconds / 2)).ToArray();
        var handedOff = plot.Add.Scatter(xs, result.Timeline.Select(b => b.HandedOffPerSecond).ToArray());
        handedOff.LegendText = "handed off by workers";
        handedOff.LineWidth = 2;
        handedOff.MarkerSize = 0;
        var written = plot.Add.Scatter(xs, result.Timeline.Select(b => b.WrittenPerSecond).ToArray());
        written.LegendText = "written to the sink";
        written.LineWidth = 2;
        written.MarkerSize = 0;
        written.LinePattern = LinePattern.Dashed;

        // Coarse mode has no queue object, but the threads blocked on the lock are its queue — the
        // article's "very expensive queue" — so that is what its right axis shows.
        bool coarse = result.Mode == LockingMode.Coarse;
        double[] queued = result.Timeline.Select(b => coarse ? b.Waiting : b.QueueDepth).ToArray();
        var depth = plot.Add.Scatter(xs, queued);
        depth.LegendText = coarse ? "threads queued at the lock (right axis)" : "queue depth (right axis)";
        depth.LineWidth = 2;
        depth.MarkerSize = 0;
        depth.Color = s_waiting;
        depth.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = coarse ? "threads waiting for the lock" : "events queued";
        plot.Axes.Right.Label.FontName = FontName;
        plot.Axes.Right.Label.FontSize = 13;

        double top = result.Timeline.Count == 0 ? 1 : result.Timeline.Max(b => Math.Max(b.HandedOffPerSecond, b.WrittenPerSecond));
        top = Math.Max(1, top) * 1.35;
        AddSlowdown(plot, result, top * 0.82);
        plot.Legend.FontName = FontName;
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(0, result.Options.Duration.TotalSeconds);
        plot.Axes.SetLimitsY(0, top);
        double maxQueued = queued.Length == 0 ? 0 : queued.Max();
        plot.Axes.SetLimitsY(0, Math.Max(coarse ? result.Options.Workers : 10, maxQueued) * 1.35, plot.Axes.Right);
        return Png(plot);
    }

    private static Bar Stacked(double x, double width, double from, double to, Color color) => new()
    {
        Position = x,
        ValueBase = from,
        Value = to,
        Size = width,
        FillColor = color,
        LineWidth = 0,
    };

    // The label sits inside the plot, beside the line, where it cannot cover the title.
    private static void AddSlowdown(Plot plot, LockingResult result, double labelY)
    {
        if (result.Options.SlowdownAt is not { } at)
        {
            return;
        }

        var line = plot.Add.VerticalLine(at.TotalSeconds);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Black;
        line.LineWidth = 1.5f;
        var label = plot.Add.Text($" sink slows to {Units.ShortDuration(result.Options.SlowdownLatency)} per write", at.TotalSeconds, labelY);
        label.LabelFontName = FontName;
        label.LabelFontSize = 13;
        label.LabelAlignment = Alignment.UpperLeft;
    }

    private static Plot NewPlot(LockingResult result, string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        string partial = result.Partial ? ", PARTIAL" : "";
        plot.Title($"{title}\n{LockingSummary.Describe(result.Options)}{partial}", size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        return plot;
    }

    private static string ModeName(LockingResult result) => result.Mode.ToString().ToLowerInvariant();

    private static byte[] Png(Plot plot) => plot.GetImageBytes(ChartRenderer.Width, ChartRenderer.Height, ImageFormat.Png);
}
