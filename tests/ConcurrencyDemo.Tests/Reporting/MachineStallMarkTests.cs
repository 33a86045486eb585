using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Tests.Engines;
using ConcurrencyDemo.Timing;
using ScottPlot;
using ScottPlot.Plottables;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>The timeline marks each stall of the machine a real-clock run measured, so a spike there reads as the machine's.</summary>
public sealed class MachineStallMarkTests
{
    private static readonly Lazy<RunResult> s_run = new(() => new ScenarioRun(
        UpstreamBehaviourRunTests.Build("20ms*4", threads: 50, rate: 500, requests: 3000)).Run(CancellationToken.None));

    private static RunResult WithStalls(params MachineStall[] stalls)
    {
        var none = new LatenessSummary(0, 0, 0, 0, 0, 0);
        var floor = new MachineFloor(TimeSpan.FromMilliseconds(1), none, 5, stalls.Length, stalls.Sum(s => s.LateMs), stalls);
        var measured = new MachineMeasurements(TimeSpan.FromSeconds(6), 0, 0, 0, 50)
        {
            TimingError = new InstrumentError(TimerKind.Precise, "precise", none, none) { Machine = floor },
        };
        return s_run.Value with { Machine = measured };
    }

    [Fact]
    public void Timeline_DrawsALineAtEachStall_LabelledOnce()
    {
        Plot plot = ChartRenderer.Build(ChartKind.Timeline, WithStalls(new(TimeSpan.FromSeconds(1.5), 22), new(TimeSpan.FromSeconds(4.25), 6)));

        VerticalLine[] marks = [.. plot.GetPlottables().OfType<VerticalLine>().Where(l => l.Color == MachineStallMarks.Line)];
        Assert.Equal([1.5, 4.25], marks.Select(m => m.X));
        Assert.Single(marks, m => m.LegendText.StartsWith("machine stalled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new int[0], "the machine probe's sleeper used 0.25 s of it: ")]
    [InlineData(new[] { 0, 1 }, "the machine probe's sleepers used 0.25 s of it: ")]
    public void Summary_StatesTheProbesOwnCpu_OneSleeperOrOnePerCpu(int[] watched, string expected)
    {
        RunResult run = WithStalls();
        var floor = run.Machine!.TimingError!.Machine! with { WatchedCpus = watched, SleepersCpu = TimeSpan.FromSeconds(0.25) };
        run = run with { Machine = run.Machine with { CpuTime = TimeSpan.FromSeconds(1), TimingError = run.Machine.TimingError with { Machine = floor } } };

        Assert.Contains(expected, ConsoleSummary.Format(run), StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_WithoutAStall_HasNoMark()
    {
        Assert.DoesNotContain(ChartRenderer.Build(ChartKind.Timeline, WithStalls()).GetPlottables(), p => p is VerticalLine);
        Assert.DoesNotContain(ChartRenderer.Build(ChartKind.Timeline, s_run.Value).GetPlottables(), p => p is VerticalLine);
    }
}
