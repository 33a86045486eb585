using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Non-blocking I/O: every request is an awaited delay; no thread is held while it waits, so a slow
/// or dead endpoint costs a timer and a small object, not a thread.
/// </summary>
internal sealed class AsyncEngine : IRealClockEngine
{
    public int WorkerThreads => 0;

    public void Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        long inFlight = 1; // the pacer's own reference, released when it is done
        using var allDone = new ManualResetEventSlim(false);

        void Release()
        {
            if (Interlocked.Decrement(ref inFlight) == 0)
            {
                allDone.Set();
            }
        }

        async Task HandleAsync(Request request)
        {
            try
            {
                await Task.Delay(scenario.HoldTime(request.Latency), clock.TimeProvider, cancellationToken).ConfigureAwait(false);
                TimeSpan completion = clock.Elapsed;
                if (scenario.Succeeds(request.Latency))
                {
                    recorder.RecordSuccess(request.IntendedStart, completion, request.Latency);
                }
                else
                {
                    recorder.RecordTimeout(request.IntendedStart, completion);
                }
            }
            catch (OperationCanceledException)
            {
                // Interrupted while waiting: left unfinished.
            }
            finally
            {
                Release();
            }
        }

        OpenLoopPacer.Run(
            schedule,
            clock,
            request =>
            {
                Interlocked.Increment(ref inFlight);
                _ = HandleAsync(request);
            },
            cancellationToken);
        Release();
        allDone.Wait(CancellationToken.None);
    }
}
