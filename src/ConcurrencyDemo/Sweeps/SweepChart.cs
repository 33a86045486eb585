using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;
using ScottPlot;

namespace ConcurrencyDemo.Sweeps;

/// <summary>Four charts stacked against the swept parameter: effective rate (with theory), p99 overhead, memory.</summary>
public static class SweepChart
{
    /// <summary>The file name of a sweep chart.</summary>
    public static string FileName(string name) => $"sweep_{name}.png";

    /// <summary>Renders the stacked chart as PNG.</summary>
    public static byte[] Render(SweepResult sweep) =>
        ChartComposer.Stacked(Build(sweep).Select(ChartRenderer.Png).ToList());

    /// <summary>The four panels, top to bottom: effective rate with theory, p99 overhead, reserved memory, resident memory.</summary>
    public static IReadOnlyList<Plot> Build(SweepResult sweep)
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
        string subtitle = $"{mode}, {b.RatePerSecond:0.###} rps, {Units.Upstreams(b)}, {clock}";
        double[] xs = sweep.Points.Select(p => p.Value).ToArray();

        Plot rate = ChartRenderer.NewPlot("Effective rate", subtitle, xLabel, "successes per second");
        ChartRenderer.AddLine(rate, xs, sweep.Points.Select(p => p.Result.Statistics.Rate.Average).ToArray(), "measured");
        rate.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Last().MarkerSize = 7;
        // Drawn after the measured line, wide and dashed, so that where they agree both stay visible.
        var theory = rate.Add.Scatter(xs, sweep.Points.Select(p => p.TheoryRate).ToArray());
        theory.LegendText = "Little's law";
        theory.LinePattern = LinePattern.Dashed;
        theory.LineWidth = 3;
        theory.Color = Colors.Black.WithAlpha(0.8);
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

        ChartRenderer.LegendOutside(rate);
        ChartRenderer.NonNegativeLimits(rate);

        // Points where nothing succeeded have no p99; they are left out, not drawn at 0.
        var measured = sweep.Points.Where(p => p.Result.Statistics.OverheadMsAt(99) is not null).ToList();
        double[] p99Ms = measured.Select(p => p.Result.Statistics.OverheadMsAt(99)!.Value).ToArray();
        OverheadUnit unit = OverheadUnit.For(p99Ms.DefaultIfEmpty(0).Max());
        Plot p99 = ChartRenderer.NewPlot("p99 latency overhead", subtitle, xLabel, unit.Label("overhead"));
        // One series per panel below: its title says what it is, and a legend would only narrow the data area.
        ChartRenderer.AddLine(p99, measured.Select(p => p.Value).ToArray(), p99Ms.Select(unit.From).ToArray(), "");
        ChartRenderer.NonNegativeLimits(p99);

        string memoryHow = sweep.PerThread is not null
            ? "threads × measured cost of one blocked thread"
            : "measured peak of the whole process";
        // Reserved address space is hundreds of times the resident memory: each gets its own panel and axis.
        Plot reserved = ChartRenderer.NewPlot("Memory of the threads: reserved address space", memoryHow, xLabel, "GiB (virtual)");
        Plot resident = ChartRenderer.NewPlot("Memory of the threads: resident (RSS)", memoryHow, xLabel, "MiB (resident)");
        if (sweep.Points.All(p => p.ResidentBytes is not null))
        {
            ChartRenderer.AddLine(reserved, xs, sweep.Points.Select(p => p.VirtualBytes!.Value / (double)(1 << 30)).ToArray(), "");
            ChartRenderer.AddLine(resident, xs, sweep.Points.Select(p => p.ResidentBytes!.Value / (double)(1 << 20)).ToArray(), "");
            ChartRenderer.NonNegativeLimits(reserved);
            ChartRenderer.NonNegativeLimits(resident);
        }
        else
        {
            ChartRenderer.NoData(reserved, "no memory estimate (async holds no threads)");
            ChartRenderer.NoData(resident, "no memory estimate (async holds no threads)");
        }

        return [rate, p99, reserved, resident];
    }
}
