namespace ConcurrencyDemo.Timing;

/// <summary>
/// .NET's own timers, kept so a user can see what they add: a blocking call waits whole milliseconds
/// (<c>WaitOne</c>, rounded up as <c>Thread.Sleep</c> is, but abandonable), an awaited call uses
/// <c>Task.Delay</c> on <paramref name="timeProvider"/> (on Linux its due times come from the kernel's
/// coarse clock, 4 ms on a typical kernel), and the pacer sleeps at least a whole millisecond.
/// </summary>
internal sealed class DotnetRunTimer(TimeProvider timeProvider) : RunTimer
{
    public override Scenarios.TimerKind Kind => Scenarios.TimerKind.Dotnet;

    public override string Description => ".NET timers (Task.Delay, whole-millisecond waits)";

    public override long TimestampFrequency => timeProvider.TimestampFrequency;

    public override long GetTimestamp() => timeProvider.GetTimestamp();

    public override void SleepUntil(long dueTimestamp, CancellationToken cancellationToken)
    {
        double ms = (dueTimestamp - GetTimestamp()) * 1000.0 / TimestampFrequency;
        if (ms > 0)
        {
            // At least 1 ms (the OS cannot sleep less this way); at most 100 ms, to notice Ctrl+C.
            cancellationToken.WaitHandle.WaitOne((int)Math.Clamp(Math.Floor(ms), 1, 100));
        }
    }

    protected override void HoldUntil(long dueTimestamp, CancellationToken abandon)
    {
        double ms = (dueTimestamp - GetTimestamp()) * 1000.0 / TimestampFrequency;
        if (ms > 0 && abandon.WaitHandle.WaitOne((int)Math.Min(int.MaxValue, Math.Ceiling(ms))))
        {
            throw new OperationCanceledException(abandon);
        }
    }

    protected override ValueTask HoldUntilAsync(long dueTimestamp, CancellationToken abandon)
    {
        double ms = (dueTimestamp - GetTimestamp()) * 1000.0 / TimestampFrequency;
        // Whole milliseconds, rounded up as for a blocking call: Task.Delay truncates a TimeSpan, so
        // 19.99 ms left would wait 19 ms, and 0.99 ms none at all.
        return ms <= 0
            ? ValueTask.CompletedTask
            : new ValueTask(Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(ms)), timeProvider, abandon));
    }
}
