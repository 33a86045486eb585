namespace ConcurrencyDemo.Locking;

/// <summary>The figures of one phase of a run (before or after the slowdown, or the whole run).</summary>
/// <param name="Name">e.g. "before slowdown".</param>
/// <param name="FromSeconds">Phase start, s since the run's start.</param>
/// <param name="ToSeconds">Phase end, s since the run's start.</param>
/// <param name="WriteLatencyMs">The sink's write latency in this phase, ms.</param>
/// <param name="HandedOffPerSecond">Events the workers got rid of per second (written, or queued in owner mode).</param>
/// <param name="WrittenPerSecond">Events that reached the sink per second.</param>
/// <param name="ProducingShare">Share of the workers' time spent producing (0..1).</param>
/// <param name="WritingShare">Share spent blocked in the sink's write, holding its lock (coarse mode).</param>
/// <param name="WaitingShare">Share spent waiting to hand an event off: for the lock, or for room in a bounded queue.</param>
/// <param name="HandOffP50Ms">Median time from an event being ready until its worker is free again, ms.</param>
/// <param name="HandOffP99Ms">99th percentile of the same, ms.</param>
/// <param name="DelayP50Ms">Median time from an event being ready until it is written, ms.</param>
/// <param name="DelayP99Ms">99th percentile of the same, ms.</param>
/// <param name="QueueDepthAtEnd">Events handed off but not yet written when the phase ends.</param>
public sealed record PhaseSummary(
    string Name,
    double FromSeconds,
    double ToSeconds,
    double WriteLatencyMs,
    double HandedOffPerSecond,
    double WrittenPerSecond,
    double ProducingShare,
    double WritingShare,
    double WaitingShare,
    double? HandOffP50Ms,
    double? HandOffP99Ms,
    double? DelayP50Ms,
    double? DelayP99Ms,
    long QueueDepthAtEnd);
