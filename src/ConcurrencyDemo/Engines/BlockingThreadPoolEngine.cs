using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Blocking I/O: N dedicated threads take requests from one shared FIFO queue and block for each
/// call. A thread held by a slow or dead endpoint serves nobody else meanwhile.
/// </summary>
/// <param name="threads">Size of the fixed pool.</param>
/// <param name="caller">How a call reaches an endpoint.</param>
/// <param name="policy">Which endpoint each call goes to; null: the workload's round robin.</param>
internal sealed class BlockingThreadPoolEngine(int threads, IEndpointCaller caller, EndpointPolicy? policy = null) : IRealClockEngine
{
    // Never disposed: a worker abandoned after the grace period may still return to them, and a
    // disposed object would throw on its thread and end the process.
    private readonly RequestQueue _queue = new();
    private readonly CountdownEvent _finished = new(threads);
    private readonly CancellationTokenSource _abandon = new();
    private Recorder? _recorder;
    private RunClock? _clock;
    private UpstreamSchedule? _upstream;
    private PolicyCalls? _policyCalls;

    public int WorkerThreads => threads;

    /// <summary>Workers still running (serving, blocked in a call, or waiting for work).</summary>
    public int LiveWorkers => _finished.CurrentCount;

    public void Start(CancellationToken cancellationToken)
    {
        // Interrupted: no worker takes another request (those still queued stay unfinished).
        cancellationToken.Register(static queue => ((RequestQueue)queue!).Stop(), _queue);
        for (int i = 0; i < threads; i++)
        {
            var worker = new Thread(Serve)
            {
                IsBackground = true, // an interrupted run must not be kept alive by a blocked worker
                Name = $"sync-worker-{i}",
            };
            worker.Start();
        }

        // Ready means parked on the queue, not merely started: thousands of threads still on their
        // way there would compete for the queue's lock with the first requests.
        while (_queue.Waiting < threads && !cancellationToken.IsCancellationRequested)
        {
            Thread.Sleep(1);
        }
    }

    public void Run(ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        // Written before the first request is queued; the queue's hand-off publishes them to the workers.
        _recorder = recorder;
        _clock = clock;
        _upstream = schedule.Upstream;
        _policyCalls = policy is null ? null : new PolicyCalls(caller, policy, schedule.Upstream, clock);
        OpenLoopPacer.Run(schedule, clock, _queue.Add, cancellationToken);
        _queue.CompleteAdding();

        try
        {
            _finished.Wait(cancellationToken);
            return;
        }
        catch (OperationCanceledException)
        {
            // Interrupted, before or after the last request was sent: calls in flight get the grace.
        }

        if (!_finished.Wait(CancelGrace.Duration))
        {
            _abandon.Cancel();
            _finished.Wait(TimeSpan.FromSeconds(1)); // abandoned calls end at once; bounded all the same
        }
    }

    private void Serve()
    {
        // Allocated now, during start-up: a first allocation on each of thousands of threads claims
        // an allocation quantum per thread and brings a garbage collection into the measured run.
        _ = Timing.ThreadDueWait.ForCurrentThread;
        var self = new ParkedWorker();
        try
        {
            while (_queue.TryTake(self, out Request request))
            {
                if (_policyCalls is not null)
                {
                    // The blocking calls: this thread is held until the answer that counts (retries included).
                    CallResult result = _policyCalls.Call(request, _abandon.Token);
                    _recorder!.Record(result.Outcome, request.IntendedStart, result.End, result.Call.Latency);
                    continue;
                }

                Request call = request;
                if (!_upstream!.IsFixed)
                {
                    // The call goes out now, when a worker is free: a slowdown window applies from here.
                    call = _upstream.AtCallTime(call, _clock!.Elapsed);
                }

                // The blocking call: this thread is held until the endpoint answers, or the timeout.
                CallOutcome outcome = caller.Call(call, _abandon.Token);
                _recorder!.Record(outcome, call.IntendedStart, _clock!.Elapsed, call.Latency);
            }
        }
        catch (OperationCanceledException)
        {
            // Abandoned after the grace period: the call stays unfinished.
        }
        finally
        {
            _finished.Signal();
        }
    }
}
