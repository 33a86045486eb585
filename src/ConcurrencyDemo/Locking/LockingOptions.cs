namespace ConcurrencyDemo.Locking;

/// <summary>A validated description of one locking experiment; build it with <see cref="LockingOptionsBuilder"/>.</summary>
/// <param name="Workers">Worker threads producing events. Default 4.</param>
/// <param name="Duration">How long the workers produce. Default 3 s.</param>
/// <param name="WorkPerEvent">A worker's own (blocking) work to produce one event. Default 6 ms.</param>
/// <param name="WriteLatency">How long one write to the sink takes. Default 1 ms.</param>
/// <param name="SlowdownAt">When the sink slows down, since the start; null for never. Default 1.5 s.</param>
/// <param name="SlowdownLatency">One write's duration after the slowdown. Default 10 ms.</param>
/// <param name="QueueCapacity">Owner mode's queue bound; null for unbounded (the default).</param>
public sealed record LockingOptions(
    int Workers,
    TimeSpan Duration,
    TimeSpan WorkPerEvent,
    TimeSpan WriteLatency,
    TimeSpan? SlowdownAt,
    TimeSpan SlowdownLatency,
    int? QueueCapacity)
{
    /// <summary>The sink's write latency for a write that starts at <paramref name="sinceStart"/>.</summary>
    public TimeSpan WriteLatencyAt(TimeSpan sinceStart) =>
        SlowdownAt is { } at && sinceStart >= at ? SlowdownLatency : WriteLatency;
}
