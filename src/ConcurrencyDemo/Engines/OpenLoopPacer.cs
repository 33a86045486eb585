using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Releases the requests of an <see cref="ArrivalSchedule"/> as they fall due, without ever waiting
/// for completions (open loop); in a closed loop, a request also waits for a connection whose previous
/// request was answered (the schedule says when one is free).
/// </summary>
/// <remarks>
/// Due times come from the schedule, never from when the previous request went out, so lateness never
/// accumulates; when woken late it releases every request already due in one batch, so it keeps up at
/// 100 000 requests/s. It sleeps through the run's timer rather than spinning: on a 2-core machine a
/// spinning generator would steal a core from the engine it is measuring. How late each request was
/// released is recorded, and shows in the summary as the instrument's own error; it also shows up as
/// overhead, because overhead is measured from the intended start.
/// </remarks>
internal static class OpenLoopPacer
{
    /// <summary>Runs until every request is dispatched or <paramref name="cancellationToken"/> fires; the calling thread waits meanwhile.</summary>
    /// <param name="schedule">The requests and when each is due.</param>
    /// <param name="clock">The run's clock and timer.</param>
    /// <param name="dispatch">Hands a request to the engine.</param>
    /// <param name="cancellationToken">Stops the pacing: no request goes out after it fires.</param>
    /// <param name="dispatchBlocks">True when <paramref name="dispatch"/> may block (it serves the request itself): the timer's thread must never block, so the calling thread paces.</param>
    /// <remarks>
    /// An open loop is paced on the timer's own thread when the timer can (the precise one): the
    /// releases then share its wake-ups with the calls' completions. A closed loop waits for free
    /// connections, which the timer's thread must never do, so it is paced on the calling thread.
    /// </remarks>
    public static void Run(ArrivalSchedule schedule, RunClock clock, Action<Request> dispatch, CancellationToken cancellationToken, bool dispatchBlocks = false)
    {
        if (!dispatchBlocks
            && schedule.IsOpenLoop
            && schedule.PeekDue is TimeSpan first
            && !cancellationToken.IsCancellationRequested
            && clock.Timer.TryPaceOnTimerThread(now => ReleaseDue(schedule, clock, dispatch, now), clock.TimestampAt(first), cancellationToken))
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested && schedule.HasMore)
        {
            if (schedule.PeekDue is null)
            {
                // A closed loop with every connection waiting for its answer.
                schedule.WaitForConnection(cancellationToken);
                continue;
            }

            long next = ReleaseDue(schedule, clock, dispatch, clock.Timer.GetTimestamp());
            if (next != long.MaxValue)
            {
                clock.Timer.SleepUntil(next, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Releases every request due by <paramref name="now"/>, in order; returns when the next is due, or
    /// <see cref="long.MaxValue"/> when none is left (or, in a closed loop, no connection is free).
    /// </summary>
    private static long ReleaseDue(ArrivalSchedule schedule, RunClock clock, Action<Request> dispatch, long now)
    {
        while (schedule.PeekDue is TimeSpan due)
        {
            long dueTimestamp = clock.TimestampAt(due);
            if (dueTimestamp > now)
            {
                return dueTimestamp;
            }

            if (!schedule.TryNext(out Request request))
            {
                break;
            }

            clock.Timer.RecordRelease(dueTimestamp, now);
            dispatch(request);
            now = clock.Timer.GetTimestamp();
        }

        return long.MaxValue;
    }
}
