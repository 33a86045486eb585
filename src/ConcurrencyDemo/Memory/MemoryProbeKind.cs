namespace ConcurrencyDemo.Memory;

/// <summary>What a memory probe holds while it measures.</summary>
public enum MemoryProbeKind
{
    /// <summary>N threads, each blocked as a sync worker is while it waits for an upstream.</summary>
    BlockedThreads,

    /// <summary>N awaited operations pending, as async requests are while they wait.</summary>
    PendingAsync,
}
