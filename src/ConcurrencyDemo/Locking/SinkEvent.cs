namespace ConcurrencyDemo.Locking;

/// <summary>One event bound for the sink.</summary>
/// <param name="Worker">The worker that produced it.</param>
/// <param name="ProducedAt">When it was ready, since the run's start.</param>
internal readonly record struct SinkEvent(int Worker, TimeSpan ProducedAt);
