using System.Collections.Concurrent;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Blocking I/O: N dedicated threads take requests from one shared FIFO queue and block for each
/// call. A thread held by a slow or dead endpoint serves nobody else meanwhile.
/// </summary>
/// <param name="threads">Size of the fixed pool.</param>
/// <param name="caller">How a call reaches an endpoint; null: the model transport (a sleep).</param>
internal sealed class BlockingThreadPoolEngine(int threads, IEndpointCaller? caller = null) : IRealClockEngine
{
    public int WorkerThreads => threads;

    public void Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        IEndpointCaller call = caller ?? new ModelEndpointCaller(scenario, clock.TimeProvider);
        using var queue = new BlockingCollection<Request>(new ConcurrentQueue<Request>());
        var workers = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            workers[i] = new Thread(() => Serve(call, queue, recorder, clock, cancellationToken))
            {
                IsBackground = true, // an interrupted run must not be kept alive by a sleeping worker
                Name = $"sync-worker-{i}",
            };
            workers[i].Start();
        }

        OpenLoopPacer.Run(schedule, clock, queue.Add, cancellationToken);
        queue.CompleteAdding();

        if (!cancellationToken.IsCancellationRequested)
        {
            foreach (Thread worker in workers)
            {
                worker.Join();
            }

            return;
        }

        TimeSpan giveUp = clock.Elapsed + CancelGrace.Duration;
        foreach (Thread worker in workers)
        {
            TimeSpan left = giveUp - clock.Elapsed;
            if (left <= TimeSpan.Zero || !worker.Join(left))
            {
                break;
            }
        }
    }

    private static void Serve(IEndpointCaller call, BlockingCollection<Request> queue, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        try
        {
            foreach (Request request in queue.GetConsumingEnumerable(cancellationToken))
            {
                // The blocking call: this thread is held until the endpoint answers, or the timeout.
                CallOutcome outcome = call.Call(request, cancellationToken);
                recorder.Record(outcome, request.IntendedStart, clock.Elapsed, request.Latency);
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted: requests still queued stay unfinished.
        }
    }
}
