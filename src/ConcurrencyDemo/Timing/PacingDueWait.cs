using System.Diagnostics;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// The load generator as an entry of the call timer's heap: when it falls due, the timer's thread
/// releases every request due by then and puts the entry back at the next one's due time. With the
/// article's fixed latencies, a request's release and an earlier request's completion fall due at the
/// same instants, so one wake-up does both instead of two threads waking each (half the wake-ups).
/// </summary>
internal sealed class PacingDueWait : IDueWait
{
    private readonly DueTimeScheduler _scheduler;
    private readonly Func<long, long> _releaseDue;
    private readonly CancellationToken _cancellationToken;
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _done = new(false);
    private bool _finished;

    /// <param name="scheduler">The timer whose thread paces.</param>
    /// <param name="releaseDue">Releases every request due by the timestamp it is given; returns the next one's due timestamp, or <see cref="long.MaxValue"/> when none is left.</param>
    /// <param name="cancellationToken">Stops the pacing: no request is released once it fires.</param>
    public PacingDueWait(DueTimeScheduler scheduler, Func<long, long> releaseDue, CancellationToken cancellationToken)
    {
        _scheduler = scheduler;
        _releaseDue = releaseDue;
        _cancellationToken = cancellationToken;
    }

    public bool CompletesOnThreadPool => false;

    /// <summary>Paces from <paramref name="firstDue"/> until every request is released or the token fires; blocks the calling thread meanwhile.</summary>
    public void Run(long firstDue)
    {
        // The timer may sleep towards a later due time: cancellation must not wait for it.
        using CancellationTokenRegistration stop = _cancellationToken.Register(static pacing => ((PacingDueWait)pacing!).Finish(), this);
        _scheduler.Schedule(this, firstDue);
        _done.Wait();
        _done.Dispose();
    }

    public void Complete()
    {
        // Held while releasing: a cancellation waits for the batch in hand, and no request goes out after it.
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            long next = _cancellationToken.IsCancellationRequested ? long.MaxValue : _releaseDue(Stopwatch.GetTimestamp());
            if (next == long.MaxValue)
            {
                FinishLocked();
                return;
            }

            _scheduler.Schedule(this, next);
        }
    }

    public void Cancel() => Finish(); // the timer dropped every pending wait (calls abandoned): pacing is over too

    private void Finish()
    {
        lock (_gate)
        {
            FinishLocked();
        }
    }

    private void FinishLocked()
    {
        if (!_finished)
        {
            _finished = true;
            _done.Set();
        }
    }
}
