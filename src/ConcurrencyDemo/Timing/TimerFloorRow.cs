namespace ConcurrencyDemo.Timing;

/// <summary>How late one kind of wait ended, over a <see cref="TimerFloor"/> measurement.</summary>
/// <param name="Wait">What waited, in a few words.</param>
/// <param name="UsedBy">Which waits of a real-clock run take this path.</param>
/// <param name="Lateness">How late the waits ended; empty (count 0) where this kind is not available.</param>
public sealed record TimerFloorRow(string Wait, string UsedBy, LatenessSummary Lateness);
