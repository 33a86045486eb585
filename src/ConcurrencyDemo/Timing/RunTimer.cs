using System.Diagnostics;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// The one source of time of a real-clock run: it reads the clock, paces arrivals and holds calls,
/// and measures how late each of its own waits ended, so the run can report the instrument's error.
/// Engines wait only through this type, so a test can drive them with a timer of its own.
/// </summary>
internal abstract class RunTimer : IDisposable
{
    private readonly LatenessRecorder _pacerLateness = new();
    private readonly LatenessRecorder _callLateness = new();

    /// <summary>Which timers these are.</summary>
    public abstract TimerKind Kind { get; }

    /// <summary>How this timer waits, in a few words, for the summary.</summary>
    public abstract string Description { get; }

    /// <summary>Ticks of <see cref="TimestampFrequency"/> per second; <see cref="Stopwatch"/>'s for the system clock.</summary>
    public virtual long TimestampFrequency => Stopwatch.Frequency;

    /// <summary>Reads the run's monotonic clock.</summary>
    public virtual long GetTimestamp() => Stopwatch.GetTimestamp();

    /// <summary>Converts a duration to timestamp ticks, rounded up so a wait never ends early.</summary>
    public long ToTimestampTicks(TimeSpan duration) =>
        (long)Math.Ceiling(duration.Ticks * (double)TimestampFrequency / TimeSpan.TicksPerSecond);

    /// <summary>Converts timestamp ticks to a duration.</summary>
    public TimeSpan ToDuration(long timestampTicks) =>
        TimeSpan.FromTicks((long)(timestampTicks * ((double)TimeSpan.TicksPerSecond / TimestampFrequency)));

    /// <summary>
    /// Waits until <paramref name="dueTimestamp"/>, or less: the caller checks the clock again. Returns
    /// at once when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public abstract void SleepUntil(long dueTimestamp, CancellationToken cancellationToken);

    /// <summary>Blocks the calling thread for <paramref name="duration"/>, as a blocking call would.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="abandon"/> fires first.</exception>
    public void Hold(TimeSpan duration, CancellationToken abandon)
    {
        long due = GetTimestamp() + ToTimestampTicks(duration);
        HoldUntil(due, abandon);
        _callLateness.Record(due, GetTimestamp());
    }

    /// <summary>
    /// Blocks the calling thread for <paramref name="duration"/> like <see cref="Hold"/>, but is not a call:
    /// its lateness is not counted among the calls' (the polling steps of <see cref="BlockKind.Poll"/>).
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="abandon"/> fires first.</exception>
    public void Pause(TimeSpan duration, CancellationToken abandon) => HoldUntil(GetTimestamp() + ToTimestampTicks(duration), abandon);

    /// <summary>Completes after <paramref name="duration"/> holding no thread, as an awaited call would.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="abandon"/> fires first.</exception>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask HoldAsync(TimeSpan duration, CancellationToken abandon)
    {
        long due = GetTimestamp() + ToTimestampTicks(duration);
        await HoldUntilAsync(due, abandon).ConfigureAwait(false);
        _callLateness.Record(due, GetTimestamp());
        if (HopsToThreadPoolAfterAwaitedCalls)
        {
            // Measured first: the instrument's lateness is the timer's, not the pool queue's the call then waits in.
            await Task.Yield(); // from the timer's thread: a work item at the end of the pool's global queue
        }
    }

    /// <summary>True when an awaited call resumes on the timer's own thread and must then be sent to the thread pool.</summary>
    protected virtual bool HopsToThreadPoolAfterAwaitedCalls => false;

    /// <summary>
    /// Paces on the timer's own thread, if this timer can: calls <paramref name="releaseDue"/> there when
    /// <paramref name="firstDue"/> comes, then again at each due timestamp it returns, until it returns
    /// <see cref="long.MaxValue"/> or <paramref name="cancellationToken"/> fires; the calling thread waits
    /// meanwhile. False: this timer cannot, and the caller paces with <see cref="SleepUntil"/>.
    /// </summary>
    public virtual bool TryPaceOnTimerThread(Func<long, long> releaseDue, long firstDue, CancellationToken cancellationToken) => false;

    /// <summary>Records that the pacer released a request due at <paramref name="dueTimestamp"/> now.</summary>
    public void RecordRelease(long dueTimestamp, long releasedTimestamp) => _pacerLateness.Record(dueTimestamp, releasedTimestamp);

    /// <summary>The lateness measured so far.</summary>
    public InstrumentError Error() => new(Kind, Description, _pacerLateness.Summary(), _callLateness.Summary());

    protected abstract void HoldUntil(long dueTimestamp, CancellationToken abandon);

    protected abstract ValueTask HoldUntilAsync(long dueTimestamp, CancellationToken abandon);

    public virtual void Dispose()
    {
    }

    /// <summary>The timer a scenario asks for.</summary>
    /// <param name="kind">Which timers.</param>
    /// <param name="timeProvider">The clock of the .NET timers.</param>
    /// <param name="awaitedCallsOnThreadPool">
    /// Awaited calls complete by a work item queued to the thread pool, as .NET's sockets complete on Linux
    /// (the threadpool mode, whose blocked waits must look as in production). False (the default): the
    /// precise timer resumes them on its own thread; .NET's timers complete on the pool either way.
    /// </param>
    /// <param name="coalescingWindow">The precise timer's <see cref="CoalescingWindow"/> (default: its minimum, 50 µs).</param>
    public static RunTimer For(TimerKind kind, TimeProvider timeProvider, bool awaitedCallsOnThreadPool = false, TimeSpan coalescingWindow = default) => kind switch
    {
        TimerKind.Dotnet => new DotnetRunTimer(timeProvider),
        _ => new PreciseRunTimer(awaitedCallsOnThreadPool, coalescingWindow > TimeSpan.Zero ? coalescingWindow : CoalescingWindow.Minimum),
    };
}
