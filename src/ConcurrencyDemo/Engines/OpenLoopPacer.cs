using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Releases the requests of an <see cref="ArrivalSchedule"/> as they fall due, without ever waiting
/// for completions (open loop).
/// </summary>
/// <remarks>
/// When woken late it releases every request already due in one batch, so it keeps up at 100 000
/// requests/s; due times come from the schedule, never from when the previous request went out, so
/// lateness never accumulates. Any lateness shows up as overhead, because overhead is measured from
/// the intended start. It sleeps in whole milliseconds rather than spinning: on a 2-core machine a
/// spinning generator would steal a core from the engine it is measuring.
/// </remarks>
internal static class OpenLoopPacer
{
    /// <summary>Runs on the calling thread until every request is dispatched or <paramref name="cancellationToken"/> fires.</summary>
    public static void Run(ArrivalSchedule schedule, RunClock clock, Action<Request> dispatch, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && schedule.PeekDue is TimeSpan due)
        {
            TimeSpan now = clock.Elapsed;
            while (due <= now && schedule.TryNext(out Request request))
            {
                dispatch(request);
                if (schedule.PeekDue is not TimeSpan nextDue)
                {
                    return;
                }

                due = nextDue;
            }

            TimeSpan wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                // At least 1 ms: Thread.Sleep cannot sleep less, and the cap keeps Ctrl+C responsive.
                int ms = (int)Math.Clamp(Math.Floor(wait.TotalMilliseconds), 1, 100);
                cancellationToken.WaitHandle.WaitOne(ms);
            }
        }
    }
}
