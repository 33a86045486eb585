using System.Globalization;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Memory;

/// <summary>
/// Holds N blocked threads or N pending async requests in this process and reads its memory.
/// Meant to run in a fresh child process per N, so that one measurement does not inherit another's
/// heap or freed stacks.
/// </summary>
public static class MemoryProbe
{
    // Fast enough that every pending call is sent within a fraction of a second.
    private const string PendingArrivalRate = "1000000";

    private static readonly TimeSpan HandlerSettle = TimeSpan.FromMilliseconds(50);

    // Long enough that every call is still pending when measured, short enough to wait out.
    private static readonly TimeSpan PendingHold = TimeSpan.FromSeconds(5);

    /// <summary>Holds <paramref name="count"/> of <paramref name="kind"/>, reads /proc/self/status, then releases them.</summary>
    public static MemorySample Measure(MemoryProbeKind kind, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return kind == MemoryProbeKind.BlockedThreads ? MeasureThreads(count) : MeasurePending(count);
    }

    private static MemorySample MeasureThreads(int count)
    {
        using var release = new ManualResetEvent(false);
        using var started = new CountdownEvent(count);
        var threads = new List<Thread>(count);
        for (int i = 0; i < count; i++)
        {
            // Default stack size: what BlockingThreadPoolEngine's workers get.
            var thread = new Thread(() =>
            {
                started.Signal();
                release.WaitOne();
            })
            {
                IsBackground = true,
            };
            thread.Start();
            threads.Add(thread);
        }

        started.Wait();
        ProcessStatus status = ProcessStatus.Read();
        release.Set();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        return new MemorySample(MemoryProbeKind.BlockedThreads, count, status.VirtualBytes, status.ResidentBytes, status.PeakResidentBytes, status.Threads);
    }

    private static MemorySample MeasurePending(int count)
    {
        if (count == 0)
        {
            ProcessStatus fresh = ProcessStatus.Read();
            return new MemorySample(MemoryProbeKind.PendingAsync, 0, fresh.VirtualBytes, fresh.ResidentBytes, fresh.PeakResidentBytes, fresh.Threads) { ManagedHeapBytes = 0 };
        }

        // The async engine itself, with the model transport, holding every call in flight: whatever
        // it keeps per pending call (its handler's state machine, the call's, the timer or scheduler
        // entry) is what is counted, however the engine waits.
        Scenario scenario = new ScenarioBuilder
        {
            Name = "memory_probe",
            Rate = PendingArrivalRate,
            RequestCount = count.ToString(CultureInfo.InvariantCulture),
            Latency = $"{PendingHold.TotalSeconds:0}s",
            Engine = EngineKind.Async,
            Clock = ClockKind.Real,
        }.Build();
        var run = new ScenarioRun(scenario);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        Task<RunResult> running = Task.Factory.StartNew(() => run.Run(CancellationToken.None), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (run.Sent < count && !running.IsCompleted)
        {
            Thread.Sleep(1);
        }

        // A request counts as sent just before its handler starts the call.
        Thread.Sleep(HandlerSettle);
        long managed = GC.GetTotalMemory(forceFullCollection: true) - before;
        ProcessStatus status = ProcessStatus.Read();
        long completedEarly = run.Completed;
        // The calls end on their own: an interrupted run would have to wait for them anyway.
        running.Wait(CancellationToken.None);
        if (completedEarly > 0)
        {
            throw new InvalidOperationException($"{completedEarly} of {count} calls completed before the probe could measure them all pending; the machine took over {PendingHold.TotalSeconds:0} s to send them");
        }

        return new MemorySample(MemoryProbeKind.PendingAsync, count, status.VirtualBytes, status.ResidentBytes, status.PeakResidentBytes, status.Threads) { ManagedHeapBytes = managed };
    }
}
