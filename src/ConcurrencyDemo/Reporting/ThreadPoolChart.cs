using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ScottPlot;

namespace ConcurrencyDemo.Reporting;

/// <summary>
/// <c>threadpool_{name}.png</c>, drawn beside the rate chart of a threadpool run: the pool's worker
/// threads and its queue of waiting work items, once a second.
/// </summary>
public static class ThreadPoolChart
{
    /// <summary>The chart's file name for a run named <paramref name="name"/>.</summary>
    public static string FileName(string name) => $"threadpool_{name}.png";

    /// <summary>Builds the plot; the run must be a threadpool run.</summary>
    public static Plot Build(RunResult result)
    {
        ThreadPoolTimeline pool = result.Pool ?? throw new ArgumentException("not a threadpool run", nameof(result));
        string source = result.Scenario.Clock == Scenarios.ClockKind.Virtual ? "modelled" : "measured";
        Plot plot = ChartRenderer.NewPlot($".NET ThreadPool: threads and queue ({source})", ChartRenderer.Subtitle(result), "time (s since run start)", "worker threads");
        if (pool.Samples.Count == 0)
        {
            ChartRenderer.NoData(plot, "no samples");
            return plot;
        }

        double[] xs = pool.Samples.Select(s => s.At.TotalSeconds).ToArray();
        ChartRenderer.AddLine(plot, xs, pool.Samples.Select(s => (double)s.Threads).ToArray(), "worker threads (left)");
        // The queue can be thousands while the threads are tens: its own axis, on the right.
        var queue = plot.Add.Scatter(xs, pool.Samples.Select(s => (double)s.Queued).ToArray());
        queue.LegendText = "queued work items (right)";
        queue.LineWidth = 2;
        queue.MarkerSize = xs.Length > 120 ? 0 : 3;
        queue.LinePattern = LinePattern.Dashed;
        queue.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "queued work items";
        if (pool.KeptUpAt is TimeSpan keptUp)
        {
            var line = plot.Add.VerticalLine(keptUp.TotalSeconds);
            line.LegendText = $"kept up from {keptUp.TotalSeconds:0} s";
            line.LinePattern = LinePattern.Dotted;
        }

        ChartRenderer.LegendOutside(plot);
        double right = Math.Max(1, xs[^1]);
        plot.Axes.SetLimitsX(0, right);
        plot.Axes.SetLimitsY(0, Math.Max(1, pool.Samples.Max(s => s.Threads)) * 1.1, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, pool.Samples.Max(s => s.Queued)) * 1.1, plot.Axes.Right);
        return plot;
    }
}
