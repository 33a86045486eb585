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
    /// <summary>Runs on the calling thread until every request is dispatched or <paramref name="cancellationToken"/> fires.</summary>
    public static void Run(ArrivalSchedule schedule, RunClock clock, Action<Request> dispatch, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && schedule.HasMore)
        {
            if (schedule.PeekDue is not TimeSpan due)
            {
                // A closed loop with every connection waiting for its answer.
                schedule.WaitForConnection(cancellationToken);
                continue;
            }

            long dueTimestamp = clock.TimestampAt(due);
            long now = clock.Timer.GetTimestamp();
            while (dueTimestamp <= now && schedule.TryNext(out Request request))
            {
                clock.Timer.RecordRelease(dueTimestamp, now);
                dispatch(request);
                if (schedule.PeekDue is not TimeSpan nextDue)
                {
                    break; // all sent, or (closed loop) no connection free: the outer loop tells which
                }

                dueTimestamp = clock.TimestampAt(nextDue);
                now = clock.Timer.GetTimestamp();
            }

            if (dueTimestamp > now)
            {
                clock.Timer.SleepUntil(dueTimestamp, cancellationToken);
            }
        }
    }
}
