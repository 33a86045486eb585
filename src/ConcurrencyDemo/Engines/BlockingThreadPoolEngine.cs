using System.Collections.Concurrent;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Blocking I/O: N dedicated threads take requests from one shared FIFO queue and block for each
/// call. A thread held by a slow or dead endpoint serves nobody else meanwhile.
/// </summary>
/// <param name="threads">Size of the fixed pool.</param>
/// <param name="caller">How a call reaches an endpoint.</param>
internal sealed class BlockingThreadPoolEngine(int threads, IEndpointCaller caller) : IRealClockEngine
{
    // Never disposed: a worker abandoned after the grace period may still return to them, and a
    // disposed queue would throw on its thread and end the process.
    private readonly BlockingCollection<Request> _queue = new(new ConcurrentQueue<Request>());
    private readonly CountdownEvent _finished = new(threads);
    private readonly CancellationTokenSource _abandon = new();
    private Recorder? _recorder;
    private RunClock? _clock;

    public int WorkerThreads => threads;

    /// <summary>Workers still running (serving, blocked in a call, or waiting for work).</summary>
    public int LiveWorkers => _finished.CurrentCount;

    public void Start(CancellationToken cancellationToken)
    {
        var ready = new CountdownEvent(threads);
        for (int i = 0; i < threads; i++)
        {
            var worker = new Thread(() => Serve(ready, cancellationToken))
            {
                IsBackground = true, // an interrupted run must not be kept alive by a blocked worker
                Name = $"sync-worker-{i}",
            };
            worker.Start();
        }

        try
        {
            ready.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Interrupted while starting: Run sends nothing, the workers see the cancellation and end.
        }
    }

    public void Run(ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        // Written before the first request is queued; the queue's hand-off publishes them to the workers.
        _recorder = recorder;
        _clock = clock;
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

    private void Serve(CountdownEvent ready, CancellationToken cancellationToken)
    {
        try
        {
            ready.Signal();
            foreach (Request request in _queue.GetConsumingEnumerable(cancellationToken))
            {
                // The blocking call: this thread is held until the endpoint answers, or the timeout.
                CallOutcome outcome = caller.Call(request, _abandon.Token);
                _recorder!.Record(outcome, request.IntendedStart, _clock!.Elapsed, request.Latency);
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted (requests still queued stay unfinished) or abandoned after the grace.
        }
        finally
        {
            _finished.Signal();
        }
    }
}
