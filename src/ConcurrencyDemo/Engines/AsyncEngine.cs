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
        // A task rather than an event: a late Release after Run returned must not touch a disposed object.
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Calls in flight are not cancelled with the run: like the sync engine's blocked workers they
        // get CancelGrace to finish, and only then are abandoned (and counted as unfinished).
        using var abandon = new CancellationTokenSource();

        void Release()
        {
            if (Interlocked.Decrement(ref inFlight) == 0)
            {
                allDone.TrySetResult();
            }
        }

        async Task HandleAsync(Request request)
        {
            try
            {
                CallOutcome outcome = await call.CallAsync(request, abandon.Token).ConfigureAwait(false);
                recorder.Record(outcome, request.IntendedStart, clock.Elapsed, request.Latency);
            }
            catch (OperationCanceledException)
            {
                // Abandoned after the grace period: left unfinished.
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

        if (!cancellationToken.IsCancellationRequested)
        {
            allDone.Task.Wait(CancellationToken.None);
            return;
        }

        if (!allDone.Task.Wait(CancelGrace.Duration, CancellationToken.None))
        {
            abandon.Cancel();
        }
    }
}
