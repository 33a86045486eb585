using ConcurrencyDemo.Reporting;
using ScottPlot;

namespace ConcurrencyDemo.Memory;

/// <summary>E6 as a chart: memory added by N blocked threads, the article's pmap figure beside our virtual and resident figures, both axes logarithmic.</summary>
public static class MemoryChart
{
    /// <summary>Renders the chart as PNG.</summary>
    public static byte[] Render(MemoryReport report)
    {
        Plot plot = ChartRenderer.NewPlot("Memory added by N blocked threads", "each N in a fresh process; log scales", "threads (log)", "MiB added over a process with no threads (log)");
        var costs = report.Threads.Where(c => c.Sample.Count > 0).ToList();
        double[] xs = costs.Select(c => Math.Log10(c.Sample.Count)).ToArray();
        ChartRenderer.AddLine(plot, xs, costs.Select(c => Log10MiB(c.Sample.VirtualBytes - report.ThreadBaseline.VirtualBytes)).ToArray(), "ours, virtual (VmSize)");
        ChartRenderer.AddLine(plot, xs, costs.Select(c => Log10MiB(c.Sample.ResidentBytes - report.ThreadBaseline.ResidentBytes)).ToArray(), "ours, resident (VmRSS)");
        var article = ArticleFigures.SyncProcessBytesByThreads.OrderBy(kv => kv.Key).ToList();
        ChartRenderer.AddLine(
            plot,
            article.Select(kv => Math.Log10(kv.Key)).ToArray(),
            article.Select(kv => Log10MiB(kv.Value - ArticleFigures.AsyncProcessBytes)).ToArray(),
            "article, pmap total (virtual)");

        static string Power(double v) => Math.Pow(10, v).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = Power };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = Power };
        ChartRenderer.LegendOutside(plot);
        return ChartRenderer.Png(plot);
    }

    // Tiny or negative differences (noise at small N) are drawn at the chart's floor.
    private static double Log10MiB(long bytes) => Math.Log10(Math.Max(bytes, 1024) / (double)(1 << 20));
}
