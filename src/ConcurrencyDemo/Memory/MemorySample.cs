namespace ConcurrencyDemo.Memory;

/// <summary>The process's memory while holding <paramref name="Count"/> blocked threads or pending requests.</summary>
/// <param name="Kind">What was held.</param>
/// <param name="Count">How many were held (0 = the baseline of a fresh process).</param>
/// <param name="VirtualBytes">VmSize: address space reserved (what pmap totals).</param>
/// <param name="ResidentBytes">VmRSS: memory actually in RAM.</param>
/// <param name="PeakResidentBytes">VmHWM: peak resident memory.</param>
/// <param name="Threads">Threads the process had.</param>
public sealed record MemorySample(MemoryProbeKind Kind, int Count, long VirtualBytes, long ResidentBytes, long PeakResidentBytes, int Threads)
{
    /// <summary>Managed heap the held items keep alive (after a full collection), or null when not measured.</summary>
    public long? ManagedHeapBytes { get; init; }
}
