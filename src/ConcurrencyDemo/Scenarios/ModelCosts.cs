namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// What a real machine adds that the virtual clock does not model by default. All zero by default,
/// which models an ideal machine: only the threads (sync) and the upstream latencies matter.
/// </summary>
/// <param name="CpuPerRequest">CPU time each request needs, on one of <paramref name="Cores"/> cores. Default 0.</param>
/// <param name="Cores">Cores the CPU work shares; only matters when <paramref name="CpuPerRequest"/> is above 0. Default 1.</param>
/// <param name="DispatchCost">Time to hand one request through the sync engine's shared queue, one at a time. Default 0.</param>
public sealed record ModelCosts(TimeSpan CpuPerRequest, int Cores, TimeSpan DispatchCost)
{
    /// <summary>No costs: the ideal machine.</summary>
    public static readonly ModelCosts None = new(TimeSpan.Zero, 1, TimeSpan.Zero);

    /// <summary>True when any cost is set.</summary>
    public bool Any => CpuPerRequest > TimeSpan.Zero || DispatchCost > TimeSpan.Zero;
}
