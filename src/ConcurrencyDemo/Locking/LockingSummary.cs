using System.Globalization;
using System.Text;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Locking;

/// <summary>The console report: the modes side by side, phase by phase.</summary>
public static class LockingSummary
{
    private const int LabelWidth = 40;
    private const int ColumnWidth = 26;

    public static string Format(IReadOnlyList<LockingResult> results)
    {
        if (results.Count == 0)
        {
            return "";
        }

        LockingOptions o = results[0].Options;
        var text = new StringBuilder();
        text.AppendLine(Describe(o));
        text.AppendLine();
        Row(text, "", results.Select(r => r.Mode.ToString().ToLowerInvariant() + (r.Partial ? " (PARTIAL)" : "")));

        for (int p = 0; p < results[0].Phases.Count; p++)
        {
            PhaseSummary first = results[0].Phases[p];
            text.AppendLine(Invariant($"{first.Name} ({first.FromSeconds:0.###}–{first.ToSeconds:0.###} s, write {Time(first.WriteLatencyMs)})"));
            IEnumerable<PhaseSummary> phase = results.Select(r => r.Phases[p]);
            Row(text, "  events handed off/s", phase.Select(s => Invariant($"{s.HandedOffPerSecond:0.0}")));
            Row(text, "  events written/s", phase.Select(s => Invariant($"{s.WrittenPerSecond:0.0}")));
            Row(text, "  workers producing", phase.Select(s => Percent(s.ProducingShare)));
            Row(text, "  workers writing (holding the lock)", phase.Select(s => Percent(s.WritingShare)));
            Row(text, "  workers waiting to hand off", phase.Select(s => Percent(s.WaitingShare)));
            Row(text, "  hand-off p50 / p99", phase.Select(s => $"{Time(s.HandOffP50Ms)} / {Time(s.HandOffP99Ms)}"));
            Row(text, "  event ready → written p50 / p99", phase.Select(s => $"{Time(s.DelayP50Ms)} / {Time(s.DelayP99Ms)}"));
            Row(text, "  queue depth at phase end", phase.Select(s => Invariant($"{s.QueueDepthAtEnd}")));
        }

        text.AppendLine("whole run");
        Row(text, "  events handed off / written", results.Select(r => Invariant($"{r.HandedOff} / {r.Written}")));
        Row(text, "  max queue depth", results.Select(r => Invariant($"{r.MaxQueueDepth}")));
        Row(text, "  left in the queue, never written", results.Select(r => r.Backlog == 0
            ? "0"
            : Invariant($"{r.Backlog} (~{Units.Duration(r.BacklogDrainTime)} to drain)")));
        return text.ToString();
    }

    /// <summary>One line describing the experiment, also used as the charts' subtitle.</summary>
    public static string Describe(LockingOptions o)
    {
        string slowdown = o.SlowdownAt is { } at
            ? $"sink write {Units.ShortDuration(o.WriteLatency)}, {Units.ShortDuration(o.SlowdownLatency)} from {Units.Duration(at)}"
            : $"sink write {Units.ShortDuration(o.WriteLatency)}, no slowdown";
        string queue = o.QueueCapacity is { } c ? Invariant($"owner queue bounded at {c}") : "owner queue unbounded";
        return Invariant($"{o.Workers} workers, {Units.ShortDuration(o.WorkPerEvent)} of work per event, {slowdown}, {Units.Duration(o.Duration)} run, {queue}");
    }

    private static void Row(StringBuilder text, string label, IEnumerable<string> cells)
    {
        text.Append(label.PadRight(LabelWidth));
        foreach (string cell in cells)
        {
            text.Append(' ').Append(cell.PadLeft(ColumnWidth - 1));
        }

        text.AppendLine();
    }

    private static string Percent(double share) => Invariant($"{share * 100:0.0} %");

    internal static string Time(double? ms) => ms switch
    {
        null => "-",
        < 1 => Invariant($"{ms * 1000:0.#} µs"),
        < 1000 => Invariant($"{ms:0.##} ms"),
        _ => Invariant($"{ms / 1000:0.##} s"),
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
