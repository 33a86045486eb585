namespace ConcurrencyDemo.Memory;

/// <summary>The memory measurement of blocked threads and pending async requests, each N in a fresh process.</summary>
/// <param name="ThreadBaseline">A fresh process holding nothing, measured like the thread samples.</param>
/// <param name="Threads">Cost of N blocked threads, one entry per N.</param>
/// <param name="AsyncBaseline">A fresh process holding nothing, measured like the async samples.</param>
/// <param name="Pending">Cost of N pending async requests, one entry per N.</param>
/// <param name="StackLimitBytes">The soft stack limit (ulimit -s) the children ran with, or null when unknown.</param>
public sealed record MemoryReport(
    MemorySample ThreadBaseline,
    IReadOnlyList<MemoryCost> Threads,
    MemorySample AsyncBaseline,
    IReadOnlyList<MemoryCost> Pending,
    long? StackLimitBytes)
{
    /// <summary>Resident cost per thread at the largest N measured (the most stable estimate), or null without thread samples.</summary>
    public MemoryCost? LargestThreadSample => Threads.Count == 0 ? null : Threads.MaxBy(t => t.Sample.Count);
}
