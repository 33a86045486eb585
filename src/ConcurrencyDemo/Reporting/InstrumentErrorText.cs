using System.Globalization;
using System.Text;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Reporting;

/// <summary>The summary lines that state the instrument's own timing error (real clock only).</summary>
public static class InstrumentErrorText
{
    /// <summary>
    /// The pacer's p99 lateness above which the summary warns that the load was not sent on schedule.
    /// 1 ms: on this project's 2-core virtual machines a bare sleep already wakes up to 0.2 ms late at
    /// p99, so a lower threshold warned on every run and meant nothing.
    /// </summary>
    public const double PacerWarningMs = 1.0;

    /// <summary>Formats <paramref name="error"/> as summary lines.</summary>
    public static string Format(InstrumentError error)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Instrument: {error.Description}; every overhead above includes its error:");
        text.AppendLine(inv, $"  pacer: requests released after their intended start by {Lateness(error.Pacer)}");
        text.AppendLine(error.Calls.Count == 0
            ? "  calls: through real sockets, timed by the servers' scheduler (see docs/http.md), not measured here"
            : string.Create(inv, $"  calls: callers resumed after the call's latency by {Lateness(error.Calls)}"));
        text.AppendLine(Machine(error.Machine));
        if (error.Machine is { StallCount: > 0 } stalled)
        {
            text.AppendLine(WithoutStalls(error.WithoutStalls, stalled));
        }
        if (error.Pacer.Count > 0 && error.Pacer.P99Ms > PacerWarningMs)
        {
            text.AppendLine(inv, $"  warning: the pacer's p99 lateness {error.Pacer.P99Ms:0.000} ms is above {PacerWarningMs} ms — the load was not sent on schedule (a busy machine, or --timer dotnet); that lateness is counted as overhead");
        }

        long early = error.Pacer.Early + error.Calls.Early;
        if (early > 0)
        {
            text.AppendLine(inv, $"  note: {early} wait{(early == 1 ? "" : "s")} ended before {(early == 1 ? "its" : "their")} due time");
        }

        return text.ToString();
    }

    // The floor under every lateness above, and when the machine stalled, so a user can tell its time from the service's.
    private static string Machine(MachineFloor? floor)
    {
        if (floor is null)
        {
            // Either no Linux (no precise kernel sleep to measure with) or a run stopped before its zero.
            return "  machine: not measured (it needs Linux's precise sleep and a run that reached its zero)";
        }

        var inv = CultureInfo.InvariantCulture;
        string gc = floor.LeftOutForGc == 0 ? "" : string.Create(inv, $" ({floor.LeftOutForGc} wake-up{(floor.LeftOutForGc == 1 ? "" : "s")} during this process's GC pauses left out: that time was the process's)");
        string sleepers = floor.WatchedCpus.Count == 0 ? "a lone thread" : $"a thread pinned to each CPU ({string.Join(", ", floor.WatchedCpus)})";
        string line = string.Create(inv, $"  machine: {sleepers} sleeping {floor.Interval.TotalMilliseconds:0.###} ms woke late by {Lateness(floor.Lateness)}{gc}; ");
        if (floor.StallCount == 0)
        {
            return line + string.Create(inv, $"no stall of {floor.StallThresholdMs:0.###} ms or more");
        }

        string longest = string.Join(", ", floor.Stalls
            .OrderByDescending(stall => stall.LateMs)
            .Take(3)
            .Select(stall => string.Create(inv, $"{stall.LateMs:0.0} ms at {stall.At.TotalSeconds:0.00} s{OnCpus(stall, floor)}")));
        return line + string.Create(
            inv,
            $"{floor.StallCount} stall{(floor.StallCount == 1 ? "" : "s")} of {floor.StallThresholdMs:0.###} ms or more, {floor.StalledMs:0.0} ms in all (longest {longest}): {(floor.WatchedCpus.Count == 0 ? "the machine" : "the CPUs named")} ran nothing on time then, so overheads of that size then are not the service's");
    }

    // Which CPUs stalled: all of them is the whole machine frozen; one is a vCPU frozen while the others ran.
    private static string OnCpus(MachineStall stall, MachineFloor floor)
    {
        if (stall.Cpus.Count == 0)
        {
            return "";
        }

        return stall.Cpus.Count == floor.WatchedCpus.Count && floor.WatchedCpus.Count > 1
            ? " on every CPU"
            : $" on CPU{(stall.Cpus.Count == 1 ? "" : "s")} {string.Join(", ", stall.Cpus)}";
    }

    // The overhead of the requests no stall touched: the service's and the tool's own, on a machine that ran on time.
    private static string WithoutStalls(OverheadWithoutStalls? clean, MachineFloor floor)
    {
        if (clean is null)
        {
            string why = floor.Stalls.Count < floor.StallCount
                ? string.Create(CultureInfo.InvariantCulture, $"only the first {floor.Stalls.Count} of its {floor.StallCount} stalls have a time")
                : string.Create(CultureInfo.InvariantCulture, $"a run of more than {Recording.Recorder.MaxKeptSuccesses} requests keeps no time per request");
            return $"  without the stalls: not computed ({why})";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"  without the stalls: overhead {Lateness(clean.Overhead)}, the successes that no stall overlapped ({clean.LeftOut} left out, on any CPU): what the service and the tool added while the machine ran on time");
    }

    private static string Lateness(LatenessSummary s) => s.Count == 0
        ? "— (none measured)"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {s.P50Ms:0.000} ms, p99 {s.P99Ms:0.000} ms, p99.9 {s.P999Ms:0.000} ms, max {s.MaxMs:0.000} ms ({s.Count} measured)");
}
