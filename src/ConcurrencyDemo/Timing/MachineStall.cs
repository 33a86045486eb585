namespace ConcurrencyDemo.Timing;

/// <summary>One stall of the machine during a run: a sleeper woke <paramref name="LateMs"/> late.</summary>
/// <param name="At">When the sleeper was due to wake, from the run's zero.</param>
/// <param name="LateMs">How late it woke, in milliseconds; when sleepers on several CPUs stalled together, the latest of them.</param>
public readonly record struct MachineStall(TimeSpan At, double LateMs)
{
    /// <summary>The CPUs whose sleepers stalled together (empty when the sleeper was not pinned to a CPU).</summary>
    public IReadOnlyList<int> Cpus { get; init; } = [];
}
