using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Non-blocking I/O: every request is an awaited call (a timed wait, or a real HTTP request); no thread
/// is held while it waits, so a slow or dead endpoint costs a pending wait and a small object, not a thread.
/// </summary>
/// <param name="caller">How a call reaches an endpoint.</param>
/// <param name="policy">Which endpoint each call goes to; null: the workload's round robin.</param>
internal sealed class AsyncEngine(IEndpointCaller caller, EndpointPolicy? policy = null) : IRealClockEngine
{
    public int WorkerThreads => 0;

    public void Start(CancellationToken cancellationToken)
    {
        // Nothing to start: no thread is dedicated to requests.
    }

    public void Run(ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        long inFlight = 1; // the pacer's own reference, released when it is done
        // A task rather than an event: a late Release after Run returned must not touch a disposed object.
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Calls in flight are not cancelled with the run: like the sync engine's blocked workers they
        // get CancelGrace to finish, and only then are abandoned (and counted as unfinished).
        var abandon = new CancellationTokenSource();

        // The first defect in a request's handling: its task is not awaited by anyone, so the run rethrows it.
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? fault = null;

        void Release()
        {
            if (Interlocked.Decrement(ref inFlight) == 0)
            {
                allDone.TrySetResult();
            }
        }

        UpstreamSchedule upstream = schedule.Upstream;
        PolicyCalls? policyCalls = policy is null ? null : new PolicyCalls(caller, policy, upstream, clock);

        void Fail(Exception e) =>
            Interlocked.CompareExchange(ref fault, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e), null);

        // With a policy, a request may make several calls (retries, hedges): an async method per request.
        async Task HandleWithPolicyAsync(PolicyCalls policyCalls, Request request)
        {
            try
            {
                CallResult result = await policyCalls.CallAsync(request, abandon.Token).ConfigureAwait(false);
                recorder.Record(result.Outcome, request.IntendedStart, result.End, result.Call.Latency);
            }
            catch (OperationCanceledException)
            {
                // Abandoned after the grace period: left unfinished.
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                Release();
            }
        }

        // Without one, one call per request, handled by reused objects: nothing is allocated per request.
        var handlers = new AsyncRequestHandlers(caller, recorder, clock, abandon.Token, Fail, Release);

        void Handle(Request request)
        {
            if (policyCalls is not null)
            {
                _ = HandleWithPolicyAsync(policyCalls, request);
                return;
            }

            // Nothing waits for a thread: the call goes out as the request arrives.
            handlers.Handle(upstream.IsFixed ? request : upstream.AtCallTime(request, clock.Elapsed));
        }

        OpenLoopPacer.Run(
            schedule,
            clock,
            request =>
            {
                Interlocked.Increment(ref inFlight);
                Handle(request);
            },
            cancellationToken);
        Release();

        try
        {
            allDone.Task.Wait(cancellationToken);
            fault?.Throw();
            return;
        }
        catch (OperationCanceledException)
        {
            // Interrupted, before or after the last request was sent: calls in flight get the grace.
        }

        if (!allDone.Task.Wait(CancelGrace.Duration, CancellationToken.None))
        {
            abandon.Cancel();
            allDone.Task.Wait(TimeSpan.FromSeconds(1), CancellationToken.None); // abandoned calls end at once; bounded all the same
        }

        fault?.Throw();
    }
}
