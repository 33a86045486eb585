namespace ConcurrencyDemo.Locking;

/// <summary>One slice of a run's timeline: how many workers were in each state, on average, and the flow of events.</summary>
/// <param name="FromSecond">Slice start, s since the run's start.</param>
/// <param name="Producing">Average number of workers producing.</param>
/// <param name="Writing">Average number of workers blocked in the sink's write.</param>
/// <param name="Waiting">Average number of workers waiting to hand off.</param>
/// <param name="HandedOffPerSecond">Events handed off in the slice, per second.</param>
/// <param name="WrittenPerSecond">Events written in the slice, per second.</param>
/// <param name="QueueDepth">Events handed off but not written at the slice's end.</param>
public readonly record struct TimelineBucket(
    double FromSecond,
    double Producing,
    double Writing,
    double Waiting,
    double HandedOffPerSecond,
    double WrittenPerSecond,
    long QueueDepth);
