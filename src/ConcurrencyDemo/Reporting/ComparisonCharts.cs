using ConcurrencyDemo.Running;
using ScottPlot;

namespace ConcurrencyDemo.Reporting;

/// <summary>
/// Each chart of a sync run and an async run of the same scenario as one image, sync on the left and
/// async on the right, as the article shows them. The y scale is shared where that helps the eye and
/// the chart says so when it is not.
/// </summary>
public static class ComparisonCharts
{
    // Beyond this ratio of peaks a shared y scale flattens the smaller side into a line at zero.
    private const double ShareScaleRatio = 10;

    /// <summary>One composed chart: the file name and PNG bytes.</summary>
    public static IReadOnlyList<ChartRenderer.Chart> RenderAll(RunResult sync, RunResult async, string name) =>
        ChartRenderer.Kinds.Select(kind => new ChartRenderer.Chart($"compare_{ChartRenderer.FileName(kind, name)}", Render(kind, sync, async))).ToList();

    /// <summary>Renders one pair: <paramref name="left"/> (sync) beside <paramref name="right"/> (async).</summary>
    public static byte[] Render(ChartKind kind, RunResult left, RunResult right)
    {
        (Plot l, Plot r) = Build(kind, left, right);
        return ChartComposer.SideBySide(ChartRenderer.Png(l), ChartRenderer.Png(r));
    }

    /// <summary>The two plots of a pair, scaled and labelled, before they are rendered side by side.</summary>
    public static (Plot Left, Plot Right) Build(ChartKind kind, RunResult left, RunResult right)
    {
        double peakL = DataPeak(kind, left);
        double peakR = DataPeak(kind, right);
        double ratio = Math.Max(peakL, peakR) / Math.Max(Math.Min(peakL, peakR), 1e-3);
        bool share = kind == ChartKind.RequestRate || (kind != ChartKind.Histogram && ratio < ShareScaleRatio);

        // A shared y scale needs one unit on both sides.
        OverheadUnit? unit = share ? OverheadUnit.For(Math.Max(ChartRenderer.PeakOverheadMs(kind, left), ChartRenderer.PeakOverheadMs(kind, right))) : null;
        Plot l = ChartRenderer.Build(kind, left, unit);
        Plot r = ChartRenderer.Build(kind, right, unit);
        AxisLimits a = l.Axes.GetLimits();
        AxisLimits b = r.Axes.GetLimits();
        if (share)
        {
            double bottom = Math.Max(0, Math.Min(a.Bottom, b.Bottom));
            double top = Math.Max(a.Top, b.Top);
            l.Axes.SetLimitsY(bottom, top);
            r.Axes.SetLimitsY(bottom, top);
            Note(l, "same y scale as the right");
            Note(r, "same y scale as the left");
        }
        else if (kind != ChartKind.Histogram)
        {
            string note = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"own y scales: {left.Scenario.Engine.ToString().ToLowerInvariant()} peaks at {Units.Duration(TimeSpan.FromMilliseconds(peakL))}, {right.Scenario.Engine.ToString().ToLowerInvariant()} at {Units.Duration(TimeSpan.FromMilliseconds(peakR))}");
            Note(l, note);
            Note(r, note);
        }

        return (l, r);
    }

    // The largest value a chart of this kind plots on its y axis.
    private static double DataPeak(ChartKind kind, RunResult result) => kind switch
    {
        ChartKind.Percentiles => result.Statistics.PercentileCurve.Select(p => p.OverheadMs).DefaultIfEmpty(0).Max(),
        ChartKind.Timeline => result.Statistics.Timeline.Select(t => t.P99Ms).DefaultIfEmpty(0).Max(),
        ChartKind.RequestRate => result.Statistics.RatePerSecond.Select(r => (double)r.Successes).DefaultIfEmpty(0).Max(),
        _ => result.Statistics.Histogram.Select(b => (double)b.Count).DefaultIfEmpty(0).Max(),
    };

    private static void Note(Plot plot, string note)
    {
        plot.Axes.Bottom.Label.Text = $"{plot.Axes.Bottom.Label.Text} — {note}";
    }
}
