using ConcurrencyDemo.Running;
using ConcurrencyDemo.Timing;
using ScottPlot;

namespace ConcurrencyDemo.Reporting;

/// <summary>
/// Marks each stall of the machine during a real-clock run (its <c>machine:</c> line) on a chart whose
/// x axis is seconds since the run's start, so a spike there reads as the machine's, not the service's.
/// </summary>
public static class MachineStallMarks
{
    /// <summary>The marks' colour, for tests and legends.</summary>
    public static readonly Color Line = Colors.DimGray.WithAlpha(0.7);

    /// <summary>Adds one vertical line per stall the run kept; none on the virtual clock or without a stall.</summary>
    public static void Add(Plot plot, RunResult result)
    {
        if (result.Machine?.TimingError?.Machine is not { StallCount: > 0 } floor)
        {
            return;
        }

        bool labelled = false;
        foreach (MachineStall stall in floor.Stalls)
        {
            var line = plot.Add.VerticalLine(stall.At.TotalSeconds);
            line.Color = Line;
            line.LineWidth = 1;
            line.LinePattern = LinePattern.Dotted;
            line.LegendText = labelled ? "" : $"machine stalled\n(≥ {floor.StallThresholdMs:0.#} ms): not\nthe service's time";
            labelled = true;
        }
    }
}
