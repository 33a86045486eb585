namespace ConcurrencyDemo.Timing;

/// <summary>
/// Precise waits: a blocked thread sleeps in the kernel until its call is due, as a thread blocked on a
/// socket does, and the kernel wakes it; awaited calls are completed by one <see cref="DueTimeScheduler"/>
/// thread, which continues them there, as .NET sockets with inline completions do. Either way a call
/// ends with one wake-up by the kernel. Every sleep takes a nanosecond timeout with 1 ns timer slack,
/// and cancellation wakes it at once.
/// </summary>
/// <param name="awaitedCallsOnThreadPool">Awaited calls complete by a thread-pool work item instead of on the timer's thread.</param>
/// <param name="coalescingWindow">Waits (and releases) due within this long of each other end together (see <see cref="CoalescingWindow"/>).</param>
internal sealed class PreciseRunTimer(bool awaitedCallsOnThreadPool, TimeSpan coalescingWindow) : RunTimer
{
    private readonly DueTimeScheduler _scheduler = new("call-timer", coalescingWindow);
    private readonly WakeHandle? _pacerWake = LinuxTimerNative.IsSupported ? LinuxTimerNative.CreateWakeHandle() : null;
    // Woken, and left woken, when the calls are abandoned: every blocked thread sleeps on it.
    private readonly WakeHandle? _abandonWake = LinuxTimerNative.IsSupported ? LinuxTimerNative.CreateWakeHandle() : null;
    // Kept to be undone on disposal: a token can outlive the timer (a run's Ctrl+C token outlives its warm-up's timer).
    private readonly List<CancellationTokenRegistration> _registrations = [];
    [ThreadStatic]
    private static bool t_slackSet;
    private readonly long _coalesceTicks = DueTimeScheduler.TimestampTicks(coalescingWindow);
    private long _lastPacerWake = long.MinValue / 2;
    private CancellationToken _hookedAbandon;
    private CancellationToken _hookedPacer;

    public override Scenarios.TimerKind Kind => Scenarios.TimerKind.Precise;

    // Completed on the timer's thread, then on the pool: behind every work item queued before it, as a socket's completion on Linux.
    protected override bool HopsToThreadPoolAfterAwaitedCalls => awaitedCallsOnThreadPool;

    public override string Description => _scheduler.IsPrecise
        ? $"precise (one timer thread, ppoll with 1 ns timer slack, waking at most once per {coalescingWindow.TotalMicroseconds:0} µs)"
        : "precise timer unavailable on this OS: whole-millisecond sleeps";

    public override void SleepUntil(long dueTimestamp, CancellationToken cancellationToken)
    {
        // Like the call timer, the pacer wakes at most once per coalescing window: at 100 000
        // requests/s it releases a few at a time instead of spending a core on wake-ups.
        long wait = Math.Max(dueTimestamp, _lastPacerWake + _coalesceTicks) - GetTimestamp();
        if (wait <= 0 || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        if (!_scheduler.IsPrecise)
        {
            cancellationToken.WaitHandle.WaitOne((int)Math.Clamp(Math.Ceiling(wait * 1000.0 / TimestampFrequency), 1, 100));
            return;
        }

        SetTimerSlackOnce();

        if (cancellationToken != _hookedPacer && cancellationToken.CanBeCanceled)
        {
            // Once per token, not per sleep: cancellation writes the eventfd, so Ctrl+C ends a sleep at once.
            _hookedPacer = cancellationToken;
            lock (_registrations)
            {
                _registrations.Add(cancellationToken.Register(static wake => LinuxTimerNative.Wake((WakeHandle)wake!), _pacerWake));
            }
        }

        LinuxTimerNative.Wait(_pacerWake!, (long)(wait * (1_000_000_000.0 / TimestampFrequency)));
        _lastPacerWake = GetTimestamp();
    }

    public override bool TryPaceOnTimerThread(Func<long, long> releaseDue, long firstDue, CancellationToken cancellationToken)
    {
        if (!_scheduler.IsPrecise)
        {
            return false;
        }

        new PacingDueWait(_scheduler, releaseDue, cancellationToken).Run(firstDue);
        return true;
    }

    protected override void HoldUntil(long dueTimestamp, CancellationToken abandon)
    {
        HookAbandon(abandon);
        if (!_scheduler.IsPrecise)
        {
            _scheduler.Block(dueTimestamp, abandon);
            return;
        }

        // The thread sleeps itself: through the timer's thread it took two wake-ups in a row, and a
        // blocked call waited behind whatever that thread was doing (continuing awaited calls).
        SetTimerSlackOnce();
        long left;
        while ((left = dueTimestamp - GetTimestamp()) > 0)
        {
            bool woken;
            try
            {
                woken = LinuxTimerNative.WaitLatched(_abandonWake!, (long)(left * (1_000_000_000.0 / TimestampFrequency)));
            }
            catch (ObjectDisposedException)
            {
                throw new OperationCanceledException("the call was abandoned: its timer is disposed");
            }

            abandon.ThrowIfCancellationRequested();
            if (woken)
            {
                // Left woken by an earlier token's abandonment: this call's token still stands.
                _scheduler.Block(dueTimestamp, abandon);
                return;
            }
        }
    }

    private static void SetTimerSlackOnce()
    {
        if (!t_slackSet)
        {
            // The kernel may fire a sleep up to the thread's timer slack late (50 µs by default).
            t_slackSet = LinuxTimerNative.TrySetTimerSlack(1);
        }
    }

    protected override ValueTask HoldUntilAsync(long dueTimestamp, CancellationToken abandon)
    {
        HookAbandon(abandon);
        ValueTask due = _scheduler.AwaitAt(dueTimestamp);
        CancelIfAbandonedMeanwhile(abandon);
        return due;
    }

    // Abandoned between the check and the enqueue: the cancellation did not see this wait.
    private void CancelIfAbandonedMeanwhile(CancellationToken abandon)
    {
        if (abandon.IsCancellationRequested)
        {
            _scheduler.CancelPending();
        }
    }

    /// <summary>
    /// One registration per abandon token rather than one per call (at 100 000 calls/s those cost more
    /// than the waits): when it fires, every pending wait is cancelled.
    /// </summary>
    private void HookAbandon(CancellationToken abandon)
    {
        if (!abandon.CanBeCanceled)
        {
            return;
        }

        if (abandon != _hookedAbandon)
        {
            _hookedAbandon = abandon;
            lock (_registrations)
            {
                _registrations.Add(abandon.Register(static scheduler => ((DueTimeScheduler)scheduler!).CancelPending(), _scheduler));
                if (_abandonWake is not null)
                {
                    _registrations.Add(abandon.Register(static wake => LinuxTimerNative.Wake((WakeHandle)wake!), _abandonWake));
                }
            }
        }

        abandon.ThrowIfCancellationRequested();
    }

    public override void Dispose()
    {
        lock (_registrations)
        {
            _registrations.ForEach(registration => registration.Dispose());
            _registrations.Clear();
        }

        _scheduler.Dispose();
        _pacerWake?.Dispose();
        _abandonWake?.Dispose();
    }
}
