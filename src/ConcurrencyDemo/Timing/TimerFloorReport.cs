namespace ConcurrencyDemo.Timing;

/// <summary>What <see cref="TimerFloor.Measure"/> found: the machine's floor first, then the tool's own timers.</summary>
/// <param name="Interval">How long each wait was asked to last.</param>
/// <param name="Waits">Waits measured per row.</param>
/// <param name="LoadAverage">The one-minute load average when the measurement began (null where the OS does not say).</param>
/// <param name="Rows">The kernel's own sleep first (the floor), then each timer path a real-clock run uses.</param>
public sealed record TimerFloorReport(TimeSpan Interval, int Waits, double? LoadAverage, IReadOnlyList<TimerFloorRow> Rows);
