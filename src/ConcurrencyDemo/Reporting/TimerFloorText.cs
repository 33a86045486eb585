using System.Globalization;
using System.Text;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Reporting;

/// <summary>The <c>timer-floor</c> command's table: the machine's floor first, then the tool's timers beside it.</summary>
public static class TimerFloorText
{
    /// <summary>Formats <paramref name="report"/> as an aligned table with a heading and a closing explanation.</summary>
    public static string Format(TimerFloorReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        string load = report.LoadAverage is double l ? string.Create(inv, $"load average {l:0.00} at the start") : "load average unknown";
        text.AppendLine(inv, $"Timer floor: how late a wait of {Units.ShortDuration(report.Interval)} ends on this machine, one wait at a time, nothing else running in this process ({report.Waits} waits each; {load}).");
        int width = Math.Max("wait".Length, report.Rows.Max(r => r.Wait.Length));
        text.AppendLine(inv, $"{"wait".PadRight(width)}  {"p50 ms",8}  {"p99 ms",8}  {"p99.9 ms",8}  {"max ms",8}  {"early",5}  used by");
        foreach (TimerFloorRow row in report.Rows)
        {
            LatenessSummary s = row.Lateness;
            text.AppendLine(s.Count == 0
                ? $"{row.Wait.PadRight(width)}  {"not available on this OS",-51}  {row.UsedBy}"
                : string.Create(inv, $"{row.Wait.PadRight(width)}  {s.P50Ms,8:0.000}  {s.P99Ms,8:0.000}  {s.P999Ms,8:0.000}  {s.MaxMs,8:0.000}  {s.Early,5}  {row.UsedBy}"));
        }

        text.AppendLine("The first row is the floor: no timer in this process wakes earlier than the kernel wakes it, so a run's lateness");
        text.AppendLine("near that row is the machine's, not the tool's; a real-clock run reports its own, under its load, in its \"Instrument:\" lines.");
        text.AppendLine("early: waits that ended before they were due, counted as 0 late (.NET's Task.Delay takes its due time from a coarse clock).");
        text.AppendLine("Figures vary with what else the machine (and, on a VM, its host) is doing: measure more than once.");
        return text.ToString();
    }
}
