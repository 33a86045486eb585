using ConcurrencyDemo.Recording;

namespace ConcurrencyDemo.Memory;

/// <summary>
/// Holds N blocked threads or N pending async requests in this process and reads its memory.
/// Meant to run in a fresh child process per N, so that one measurement does not inherit another's
/// heap or freed stacks.
/// </summary>
public static class MemoryProbe
{
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
        using var cancel = new CancellationTokenSource();
        var pending = new Task[count];
        for (int i = 0; i < count; i++)
        {
            pending[i] = WaitAsync(cancel.Token);
        }

        ProcessStatus status = ProcessStatus.Read();
        cancel.Cancel();
        Task.WaitAll(pending);
        return new MemorySample(MemoryProbeKind.PendingAsync, count, status.VirtualBytes, status.ResidentBytes, status.PeakResidentBytes, status.Threads);
    }

    // The shape of AsyncEngine's handler: an async method awaiting a timer.
    private static async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Released by the probe.
        }
    }
}
