using System.Collections.Concurrent;
using System.Diagnostics;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// Completes waits when they are due (the kernel wakes it typically 0.1 ms late), without a thread per wait: one
/// thread keeps every due time in a heap and sleeps precisely until the earliest (see
/// <see cref="LinuxTimerNative"/>). It completes awaited calls; blocked threads only where the precise
/// sleep is missing (with it, <see cref="PreciseRunTimer"/> lets a blocked thread sleep on its own, as
/// the kernel wakes a thread blocked on a socket).
/// </summary>
/// <remarks>
/// Where the precise sleep is not available (not Linux), the thread sleeps in whole milliseconds and
/// <see cref="IsPrecise"/> is false; the run then reports the larger lateness it measured.
/// </remarks>
internal sealed class DueTimeScheduler : IDisposable
{
    // A new earliest due time wakes the thread only if it sleeps towards a later one.
    private const long NotSleeping = long.MinValue;

    private readonly Lock _lock = new();
    private readonly PriorityQueue<IDueWait, long> _due = new();
    private readonly Thread _thread;
    private readonly WakeHandle? _wakeHandle;
    private readonly AutoResetEvent? _fallbackWake;
    private readonly List<IDueWait> _ready = [];
    private readonly ConcurrentQueue<ReusableDueWait> _reusableWaits = new();
    private readonly long _coalesceTicks;
    private long _sleepingUntil = NotSleeping;
    private volatile bool _stopped;

    /// <param name="name">The scheduler thread's name, as shown by debuggers and <c>top -H</c>.</param>
    /// <param name="coalescingWindow">The thread wakes at most once per this window: waits due within it of each other complete together (default <see cref="Timing.CoalescingWindow.Minimum"/>).</param>
    public DueTimeScheduler(string name, TimeSpan coalescingWindow = default)
    {
        _coalesceTicks = TimestampTicks(coalescingWindow > TimeSpan.Zero ? coalescingWindow : Timing.CoalescingWindow.Minimum);
        IsPrecise = LinuxTimerNative.IsSupported;
        if (IsPrecise)
        {
            _wakeHandle = LinuxTimerNative.CreateWakeHandle();
        }
        else
        {
            _fallbackWake = new AutoResetEvent(false);
        }

        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>True when waits end within the kernel's wake-up latency; false when they round to milliseconds.</summary>
    public bool IsPrecise { get; }

    /// <summary>
    /// A task that completes at <paramref name="dueTimestamp"/> (a <see cref="Stopwatch"/> timestamp),
    /// never earlier. Its continuations run on the thread pool, as I/O completions' do: the waits due
    /// together go to the pool as one work item, as the runtime's timers and socket completions batch theirs.
    /// </summary>
    public Task At(long dueTimestamp)
    {
        var wait = new TaskDueWait();
        Schedule(wait, dueTimestamp);
        return wait.Task;
    }

    /// <summary>
    /// Like <see cref="At"/>, but allocates nothing once warmed up and resumes its awaiter on this
    /// scheduler's thread, without a thread-pool hop: the awaiting code must be short and must not
    /// block. The wait is reused after it is awaited, so the result must be awaited exactly once (as
    /// any <see cref="ValueTask"/>).
    /// </summary>
    public ValueTask AwaitAt(long dueTimestamp)
    {
        var wait = ReusableDueWait.Rent(_reusableWaits);
        ValueTask task = wait.Task;
        Schedule(wait, dueTimestamp);
        return task;
    }

    /// <summary>
    /// Blocks the calling thread until <paramref name="dueTimestamp"/>, never less; the scheduler's thread
    /// wakes it (two wake-ups in a row: <see cref="PreciseRunTimer"/> uses this only without the precise sleep).
    /// </summary>
    /// <param name="dueTimestamp">A <see cref="Stopwatch"/> timestamp.</param>
    /// <param name="abandon">A token whose cancellation calls <see cref="CancelPending"/>.</param>
    /// <exception cref="OperationCanceledException">When <see cref="CancelPending"/> cancels the wait.</exception>
    public void Block(long dueTimestamp, CancellationToken abandon)
    {
        ThreadDueWait wait = ThreadDueWait.ForCurrentThread;
        wait.Arm();
        Schedule(wait, dueTimestamp);
        if (abandon.IsCancellationRequested)
        {
            // Abandoned before this wait was queued: the cancellation's drain may not have seen it.
            CancelPending();
        }

        wait.Wait();
    }

    /// <summary>Keeps <paramref name="wait"/> until <paramref name="dueTimestamp"/>, then completes it on this scheduler's thread (or the pool, as it asks).</summary>
    public void Schedule(IDueWait wait, long dueTimestamp)
    {
        bool wake;
        lock (_lock)
        {
            _due.Enqueue(wait, dueTimestamp);
            wake = _sleepingUntil != NotSleeping && dueTimestamp < _sleepingUntil;
            if (wake)
            {
                _sleepingUntil = dueTimestamp; // one wake-up is enough for several earlier entries
            }
        }

        if (wake)
        {
            Wake();
        }
    }

    /// <summary>A task that completes <paramref name="delay"/> after now (never earlier); continuations run on the thread pool.</summary>
    public Task After(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : At(Stopwatch.GetTimestamp() + TimestampTicks(delay));

    /// <summary>Converts a duration to <see cref="Stopwatch"/> ticks, rounded up so a wait never ends early.</summary>
    public static long TimestampTicks(TimeSpan duration) =>
        (long)Math.Ceiling(duration.Ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond);

    private void Run()
    {
        if (IsPrecise)
        {
            // The kernel may fire a sleep up to the thread's timer slack late (50 µs by default).
            LinuxTimerNative.TrySetTimerSlack(1);
        }

        long lastWake = long.MinValue / 2;
        while (!_stopped)
        {
            long sleepUntil;
            lock (_lock)
            {
                long now = Stopwatch.GetTimestamp();
                while (_due.TryPeek(out IDueWait? wait, out long due) && due <= now)
                {
                    _due.Dequeue();
                    _ready.Add(wait);
                }

                sleepUntil = _ready.Count > 0 ? NotSleeping
                    : _due.TryPeek(out _, out long next) ? Math.Max(next, lastWake + _coalesceTicks)
                    : long.MaxValue;
                _sleepingUntil = sleepUntil;
            }

            if (_ready.Count > 0)
            {
                // Completed outside the lock: a woken caller may schedule its next wait at once.
                CompleteReady();
                continue;
            }

            Sleep(sleepUntil);
            lastWake = Stopwatch.GetTimestamp();
        }
    }

    private void CompleteReady()
    {
        // Usually one wait is due at a time (below a few thousand calls/s): it goes to the pool as its
        // own work item, allocating nothing; several due together go as one batch.
        IThreadPoolWorkItem? single = null;
        List<IThreadPoolWorkItem>? batch = null;
        foreach (IDueWait wait in _ready)
        {
            if (wait is IThreadPoolWorkItem toThreadPool && wait.CompletesOnThreadPool)
            {
                if (single is null)
                {
                    single = toThreadPool;
                }
                else
                {
                    (batch ??= [single]).Add(toThreadPool);
                }
            }
            else
            {
                wait.Complete(); // wakes the blocked thread, or runs what awaited the call
            }
        }

        _ready.Clear();
        if (batch is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static waits =>
                {
                    foreach (IThreadPoolWorkItem wait in waits)
                    {
                        wait.Execute(); // runs the awaiting code here, on the pool thread
                    }
                },
                batch,
                preferLocal: false);
        }
        else if (single is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(single, preferLocal: false);
        }
    }

    /// <summary>Cancels every wait not yet due (awaited ones end cancelled, blocked ones throw); later waits are not affected.</summary>
    public void CancelPending()
    {
        List<IDueWait> pending = [];
        lock (_lock)
        {
            while (_due.TryDequeue(out IDueWait? wait, out _))
            {
                pending.Add(wait);
            }
        }

        foreach (IDueWait wait in pending)
        {
            wait.Cancel();
        }
    }

    private void Sleep(long untilTimestamp)
    {
        long ticks = untilTimestamp == long.MaxValue ? -1 : untilTimestamp - Stopwatch.GetTimestamp();
        if (untilTimestamp != long.MaxValue && ticks <= 0)
        {
            return;
        }

        if (IsPrecise)
        {
            long nanoseconds = ticks < 0 ? -1 : (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
            LinuxTimerNative.Wait(_wakeHandle!, nanoseconds);
            return;
        }

        int ms = ticks < 0 ? Timeout.Infinite : (int)Math.Min(int.MaxValue, Math.Ceiling(ticks * 1000.0 / Stopwatch.Frequency));
        _fallbackWake!.WaitOne(ms);
    }

    private void Wake()
    {
        if (IsPrecise)
        {
            LinuxTimerNative.Wake(_wakeHandle!);
        }
        else
        {
            _fallbackWake!.Set();
        }
    }

    /// <summary>Stops the thread; waits not yet due never complete.</summary>
    public void Dispose()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Wake();
        _thread.Join();
        _wakeHandle?.Dispose();
        _fallbackWake?.Dispose();
    }
}
