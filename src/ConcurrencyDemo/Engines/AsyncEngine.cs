using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Non-blocking I/O: every request is an awaited call (a delay, or a real HTTP request); no thread
/// is held while it waits, so a slow or dead endpoint costs a timer and a small object, not a thread.
/// </summary>
/// <param name="caller">How a call reaches an endpoint; null: the model transport (an awaited delay).</param>
internal sealed class AsyncEngine(IEndpointCaller? caller = null) : IRealClockEngine
{
    public int WorkerThreads => 0;

    public void Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        IEndpointCaller call = caller ?? new ModelEndpointCaller(scenario, clock.TimeProvider);
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
                CallOutcome outcome = await call.CallAsync(request, cancellationToken).ConfigureAwait(false);
                recorder.Record(outcome, request.IntendedStart, clock.Elapsed, request.Latency);
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
