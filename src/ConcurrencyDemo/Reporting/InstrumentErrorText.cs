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

    private static string Lateness(LatenessSummary s) => s.Count == 0
        ? "— (none measured)"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {s.P50Ms:0.000} ms, p99 {s.P99Ms:0.000} ms, p99.9 {s.P999Ms:0.000} ms, max {s.MaxMs:0.000} ms ({s.Count} measured)");
}
