namespace ConcurrencyDemo.Locking;

/// <summary>What one mode's run measured.</summary>
/// <param name="Mode">Coarse locking or ownership.</param>
/// <param name="Options">The experiment.</param>
/// <param name="Phases">Figures before and after the slowdown (one phase when there is none).</param>
/// <param name="Timeline">Worker states and event flow per slice of <paramref name="BucketSeconds"/>.</param>
/// <param name="BucketSeconds">Width of a timeline slice, s.</param>
/// <param name="HandedOff">Events handed off in the whole run.</param>
/// <param name="Written">Events written in the whole run.</param>
/// <param name="MaxQueueDepth">Deepest backlog seen at a slice's end.</param>
/// <param name="Backlog">Events still queued when the run stopped (owner mode): never written.</param>
/// <param name="BacklogDrainTime">How long the owner would need to write the backlog at the last write latency.</param>
/// <param name="Partial">True when the run was cancelled before its end.</param>
public sealed record LockingResult(
    LockingMode Mode,
    LockingOptions Options,
    IReadOnlyList<PhaseSummary> Phases,
    IReadOnlyList<TimelineBucket> Timeline,
    double BucketSeconds,
    long HandedOff,
    long Written,
    long MaxQueueDepth,
    long Backlog,
    TimeSpan BacklogDrainTime,
    bool Partial);
