using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>
/// The summary's <c>machine:</c> line names the CPUs it watched and, for each stall, which of them
/// stalled: a whole machine frozen and one vCPU frozen while the other ran read differently.
/// </summary>
public sealed class InstrumentErrorTextTests
{
    private static readonly LatenessSummary s_floor = new(20_000, 0.07, 0.2, 1.5, 31.5, 0);

    private static string Text(IReadOnlyList<int> watched, params MachineStall[] stalls) => TextWith(watched, null, stalls);

    private static string TextWith(IReadOnlyList<int> watched, OverheadWithoutStalls? clean, params MachineStall[] stalls)
    {
        var none = new LatenessSummary(0, 0, 0, 0, 0, 0);
        var floor = new MachineFloor(TimeSpan.FromMilliseconds(1), s_floor, 5, stalls.Length, stalls.Sum(s => s.LateMs), stalls) { WatchedCpus = watched };
        return InstrumentErrorText.Format(new InstrumentError(TimerKind.Precise, "precise", none, none) { Machine = floor, WithoutStalls = clean });
    }

    [Fact]
    public void WithoutStalls_AfterAStall_GivesTheOverheadOfTheRequestsNoStallTouched()
    {
        var clean = new OverheadWithoutStalls(new LatenessSummary(9688, 0.17, 0.45, 1.2, 3.1, 0), LeftOut: 312);

        string text = TextWith([0, 1], clean, new MachineStall(TimeSpan.FromSeconds(2), 9) { Cpus = [0, 1] });

        Assert.Contains("  without the stalls: overhead p50 0.170 ms, p99 0.450 ms, p99.9 1.200 ms, max 3.100 ms (9688 measured), the successes that no stall overlapped (312 left out, on any CPU)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutStalls_NotComputed_SaysWhy_AndWithoutAStall_IsNotPrinted()
    {
        Assert.Contains(
            $"  without the stalls: not computed (a run of more than {ConcurrencyDemo.Recording.Recorder.MaxKeptSuccesses} requests keeps no time per request)",
            Text([0, 1], new MachineStall(TimeSpan.FromSeconds(2), 9) { Cpus = [1] }),
            StringComparison.Ordinal);
        Assert.DoesNotContain("without the stalls", Text([0, 1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Machine_PinnedSleepers_NamesTheCpus_AndWhichOnesEachStallHit()
    {
        string text = Text(
            [0, 1],
            new(TimeSpan.FromSeconds(1), 16.4) { Cpus = [0, 1] },
            new(TimeSpan.FromSeconds(5.2), 31.5) { Cpus = [0] });

        Assert.Contains("  machine: a thread pinned to each CPU (0, 1) sleeping 1 ms woke late by p50 0.070 ms", text, StringComparison.Ordinal);
        Assert.Contains("2 stalls of 5 ms or more, 47.9 ms in all (longest 31.5 ms at 5.20 s on CPU 0, 16.4 ms at 1.00 s on every CPU): the CPUs named ran nothing on time then", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Machine_OneUnpinnedSleeper_SaysSoAndNamesNoCpu()
    {
        string text = Text([], new MachineStall(TimeSpan.FromSeconds(2), 9));

        Assert.Contains("  machine: a lone thread sleeping 1 ms woke late by", text, StringComparison.Ordinal);
        Assert.Contains("(longest 9.0 ms at 2.00 s): the machine ran nothing on time then", text, StringComparison.Ordinal);
    }
}
