namespace ConcurrencyDemo.Timing;

/// <summary>One stall of the machine during a run: a lone sleeper woke <paramref name="LateMs"/> late.</summary>
/// <param name="At">When the sleeper was due to wake, from the run's zero.</param>
/// <param name="LateMs">How late it woke, in milliseconds.</param>
public readonly record struct MachineStall(TimeSpan At, double LateMs);
