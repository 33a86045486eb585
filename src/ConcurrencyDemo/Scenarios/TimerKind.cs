namespace ConcurrencyDemo.Scenarios;

/// <summary>How a real-clock run waits: for due arrivals, and for calls to complete.</summary>
public enum TimerKind
{
    /// <summary>
    /// Sleeps with nanosecond timeouts: a blocked call's thread sleeps itself in the kernel; one scheduler
    /// thread with a heap of due times completes awaited calls and releases the requests. The default.
    /// </summary>
    Precise,

    /// <summary>
    /// .NET's own timers: blocking calls wait in whole milliseconds (as <c>Thread.Sleep</c>), awaited
    /// calls use <c>Task.Delay</c> (a coarse clock, 4 ms on a typical Linux), the pacer sleeps whole
    /// milliseconds. Shows what these timers add to a measurement.
    /// </summary>
    Dotnet,
}
