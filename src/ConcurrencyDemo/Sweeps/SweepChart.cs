using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Theory;
using ScottPlot;

namespace ConcurrencyDemo.Sweeps;

/// <summary>Three charts stacked against the swept parameter: effective rate (with theory), p99 overhead, memory.</summary>
public static class SweepChart
{
    /// <summary>The file name of a sweep chart.</summary>
    public static string FileName(string name) => $"sweep_{name}.png";

    /// <summary>Renders the stacked chart as PNG.</summary>
    public static byte[] Render(SweepResult sweep)
    {
        Scenario b = sweep.Baseline;
        string xLabel = sweep.Parameter switch
        {
            SweepParameter.Threads => "sync threads",
            SweepParameter.Rate => "offered rate (rps)",
            _ => "endpoint latency (ms)",
        };
        string mode = sweep.Parameter == SweepParameter.Threads || b.Engine == EngineKind.Sync ? "sync" : "async";
        string clock = b.Clock == ClockKind.Virtual ? "virtual clock" : "real clock";
        string subtitle = $"{mode}, {b.RatePerSecond:0.###} rps, {Units.LatencyList(b.EndpointLatencies)}, {clock}";
        double[] xs = sweep.Points.Select(p => p.Value).ToArray();

        Plot rate = ChartRenderer.NewPlot("Effective rate", subtitle, xLabel, "successes per second");
        ChartRenderer.AddLine(rate, xs, sweep.Points.Select(p => p.Result.Statistics.Rate.Average).ToArray(), "measured");
        var theory = rate.Add.Scatter(xs, sweep.Points.Select(p => p.TheoryRate).ToArray());
        theory.LegendText = "Little's law";
        theory.LinePattern = LinePattern.Dashed;
        theory.MarkerSize = 0;
        if (sweep.Parameter == SweepParameter.Threads)
        {
            if (ScenarioTheory.For(b).MinimumThreads is { } fewest)
            {
                var minimum = rate.Add.VerticalLine(fewest);
                minimum.LinePattern = LinePattern.Dotted;
                minimum.LegendText = "theory: minimum threads";
            }
        }

        rate.ShowLegend(Alignment.LowerRight);

        Plot p99 = ChartRenderer.NewPlot("p99 latency overhead", subtitle, xLabel, "overhead (ms)");
        // Points where nothing succeeded have no p99; they are left out, not drawn at 0.
        var measured = sweep.Points.Where(p => p.Result.Statistics.OverheadMsAt(99) is not null).ToList();
        ChartRenderer.AddLine(p99, measured.Select(p => p.Value).ToArray(), measured.Select(p => p.Result.Statistics.OverheadMsAt(99)!.Value).ToArray(), "p99");

        string memoryHow = sweep.PerThread is not null
            ? "threads × measured cost of one blocked thread"
            : "measured peak of the whole process";
        Plot memory = ChartRenderer.NewPlot("Memory of the threads", memoryHow, xLabel, "MiB");
        if (sweep.Points.All(p => p.ResidentBytes is not null))
        {
            ChartRenderer.AddLine(memory, xs, sweep.Points.Select(p => p.VirtualBytes!.Value / (double)(1 << 20)).ToArray(), "virtual (reserved)");
            ChartRenderer.AddLine(memory, xs, sweep.Points.Select(p => p.ResidentBytes!.Value / (double)(1 << 20)).ToArray(), "resident (RSS)");
            memory.ShowLegend(Alignment.UpperLeft);
        }
        else
        {
            ChartRenderer.NoData(memory, "no memory estimate (async holds no threads)");
        }

        return ChartComposer.Stacked(ChartRenderer.Png(rate), ChartRenderer.Png(p99), ChartRenderer.Png(memory));
    }
}
