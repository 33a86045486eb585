using System.Collections.Concurrent;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Blocking I/O: N dedicated threads take requests from one shared FIFO queue and block for each
/// call. A thread held by a slow or dead endpoint serves nobody else meanwhile.
/// </summary>
internal sealed class BlockingThreadPoolEngine(int threads) : IRealClockEngine
{
    public int WorkerThreads => threads;

    public void Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        using var queue = new BlockingCollection<Request>(new ConcurrentQueue<Request>());
        var workers = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            workers[i] = new Thread(() => Serve(scenario, queue, recorder, clock, cancellationToken))
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

    private static void Serve(Scenario scenario, BlockingCollection<Request> queue, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        try
        {
            foreach (Request request in queue.GetConsumingEnumerable(cancellationToken))
            {
                // The blocking call: this thread is held for the whole latency, or the timeout.
                BlockingSleep.AtLeast(scenario.HoldTime(request.Latency));
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
        }
        catch (OperationCanceledException)
        {
            // Interrupted: requests still queued stay unfinished.
        }
    }
}
