using System.Globalization;
using ConcurrencyDemo.Reporting;
using ScottPlot;

namespace ConcurrencyDemo.Sweeps;

/// <summary>The tail-at-scale chart: share of slow requests against K (log scale), simulated and closed form, one colour per probability.</summary>
public static class FanoutSweepChart
{
    /// <summary>The file name of a fan-out sweep chart.</summary>
    public static string FileName(string name) => $"fanout_sweep_{name}.png";

    /// <summary>Renders the chart as PNG.</summary>
    public static byte[] Render(IReadOnlyList<FanoutSweepPoint> points, string subtitle) => ChartRenderer.Png(Build(points, subtitle));

    /// <summary>The plot: x is log10 K with ticks labelled in K, y the share of slow requests in %.</summary>
    public static Plot Build(IReadOnlyList<FanoutSweepPoint> points, string subtitle)
    {
        Plot plot = ChartRenderer.NewPlot("Share of slow requests vs fan-out K", subtitle, "K: calls per request, all awaited (log scale)", "slow requests (%)");
        var palette = new ScottPlot.Palettes.Category10();
        int i = 0;
        foreach (IGrouping<(double P, TimeSpan? Hedge), FanoutSweepPoint> curve in points.GroupBy(p => (p.SlowProbability, p.HedgeAfter)))
        {
            Color color = palette.GetColor(i++);
            double[] xs = [.. curve.Select(p => Math.Log10(p.Fanout))];
            string pText = string.Create(CultureInfo.InvariantCulture, $"p = {curve.Key.P * 100:0.####}%{(curve.Key.Hedge is { } h ? $", each call hedged after {Units.ShortDuration(h)}" : "")}");
            double[] closedY = [.. curve.Select(p => p.ClosedForm * 100)];
            var closed = plot.Add.Scatter(xs, closedY);
            closed.Color = color.WithAlpha(0.7);
            closed.LinePattern = curve.Key.Hedge is null ? LinePattern.Dashed : LinePattern.Dotted;
            closed.LineWidth = 3;
            closed.MarkerSize = 0;
            closed.LegendText = curve.Key.Hedge is null ? $"{pText}: 1 − (1 − p)^K" : $"{pText}: 1 − (1 − p²)^K";
            FanoutSweepPoint[] ran = [.. curve.Where(p => p.MeasuredShare is not null)];
            double[] ranX = [.. ran.Select(p => Math.Log10(p.Fanout))];
            double[] ranY = [.. ran.Select(p => p.MeasuredShare!.Value * 100)];
            var measured = plot.Add.ScatterPoints(ranX, ranY);
            measured.Color = color;
            measured.MarkerSize = 8;
            measured.LegendText = $"{pText}: simulated";
        }

        int[] ks = [.. points.Select(p => p.Fanout).Distinct().Order()];
        double[] tickPositions = [.. ks.Select(k => Math.Log10(k))];
        string[] tickLabels = [.. ks.Select(k => k.ToString(CultureInfo.InvariantCulture))];
        plot.Axes.Bottom.SetTicks(tickPositions, tickLabels);
        ChartRenderer.LegendOutside(plot);
        plot.Axes.SetLimits(-0.1, Math.Log10(Math.Max(ks[^1], 2)) + 0.1, 0, 105);
        return plot;
    }
}
