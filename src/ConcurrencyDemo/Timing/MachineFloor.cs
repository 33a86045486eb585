namespace ConcurrencyDemo.Timing;

/// <summary>
/// How late the machine itself woke a lone thread during a run: the floor under every other
/// lateness of the run. No wait in the process can end earlier than the kernel wakes it, so an
/// overhead of the size of a stall here is the machine's (another process, the hypervisor), not the
/// service's nor the tool's.
/// </summary>
/// <param name="Interval">How long each of the sleeper's waits lasted.</param>
/// <param name="Lateness">How late its waits ended.</param>
/// <param name="StallThresholdMs">The lateness from which a wake-up counts as a stall.</param>
/// <param name="StallCount">Wake-ups at least that late.</param>
/// <param name="StalledMs">Their lateness added up.</param>
/// <param name="Stalls">The first stalls, in time order (at most <see cref="MachineFloorRecorder.KeptStalls"/>).</param>
public sealed record MachineFloor(TimeSpan Interval, LatenessSummary Lateness, double StallThresholdMs, int StallCount, double StalledMs, IReadOnlyList<MachineStall> Stalls)
{
    /// <summary>Wake-ups left out because this process's garbage collector paused its threads during them (their lateness was the process's).</summary>
    public int LeftOutForGc { get; init; }

    /// <summary>The CPUs with a sleeper pinned to each (empty: one sleeper, not pinned). A vCPU can freeze while another runs, so a sleeper sees only its own CPU's stalls.</summary>
    public IReadOnlyList<int> WatchedCpus { get; init; } = [];

    /// <summary>The CPU time the sleepers themselves used from the run's zero to its end: the instrument's, included in the process's CPU.</summary>
    public TimeSpan SleepersCpu { get; init; }
}
