using ConcurrencyDemo.Recording;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Reads the real .NET ThreadPool's thread count, queue length and completed work items once a second
/// of the run, on a thread of its own: sampling from a pool thread (a timer callback) would wait in
/// the very queue it measures, and its work would be counted as the pool's.
/// </summary>
internal sealed class ThreadPoolSampler : IDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);
    private readonly RunClock _clock;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly List<ThreadPoolSample> _samples = [];
    private readonly Thread _thread;
    private readonly long _completedAtZero = ThreadPool.CompletedWorkItemCount;

    public ThreadPoolSampler(RunClock clock)
    {
        _clock = clock;
        _thread = new Thread(Run) { IsBackground = true, Name = "threadpool-sampler" };
        _thread.Start();
    }

    /// <summary>Stops sampling (after one last sample) and returns the samples.</summary>
    public IReadOnlyList<ThreadPoolSample> Stop()
    {
        _stop.Set();
        _thread.Join();
        return _samples;
    }

    private void Run()
    {
        for (int second = 0; ; second++)
        {
            // Each sample at a whole second since zero: lateness does not accumulate.
            TimeSpan wait = s_interval * second - _clock.Elapsed;
            if (wait > TimeSpan.Zero && _stop.Wait(wait))
            {
                break;
            }

            _samples.Add(Sample());
        }

        _samples.Add(Sample());
    }

    private ThreadPoolSample Sample() =>
        new(_clock.Elapsed, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount, ThreadPool.CompletedWorkItemCount - _completedAtZero);

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            Stop();
        }

        _stop.Dispose();
    }
}
