namespace ConcurrencyDemo.Recording;

/// <summary>Samples the process's thread count, virtual and resident size every 100 ms during a run, keeping the peaks.</summary>
internal sealed class ResourceSampler : IDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _lock = new();
    private readonly ITimer? _timer;
    private readonly Thread? _thread;
    private readonly ManualResetEventSlim _stop = new(false);
    private int _peakThreads;
    private long _peakVirtual;
    private long _peakResident;

    /// <param name="timeProvider">Drives the samples' timer.</param>
    /// <param name="dedicatedThread">Sample on a thread of its own instead of a timer (whose callbacks run on the thread pool).</param>
    public ResourceSampler(TimeProvider timeProvider, bool dedicatedThread = false)
    {
        // The first sample goes through the sampler's own callback, so that it is compiled now rather than
        // during the run it samples.
        TimerCallback sample = _ => Sample();
        sample(null);
        if (dedicatedThread)
        {
            _thread = new Thread(() =>
            {
                while (!_stop.Wait(s_interval))
                {
                    sample(null);
                }
            })
            { IsBackground = true, Name = "resource-sampler" };
            _thread.Start();
            return;
        }

        _timer = timeProvider.CreateTimer(sample, null, s_interval, s_interval);
    }

    public (int PeakThreads, long PeakVirtualBytes, long PeakResidentBytes) Peaks
    {
        get
        {
            Sample();
            lock (_lock)
            {
                return (_peakThreads, _peakVirtual, _peakResident);
            }
        }
    }

    private void Sample()
    {
        ProcessStatus status = ProcessStatus.Read();
        lock (_lock)
        {
            _peakThreads = Math.Max(_peakThreads, status.Threads);
            _peakVirtual = Math.Max(_peakVirtual, status.VirtualBytes);
            _peakResident = Math.Max(_peakResident, status.ResidentBytes);
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _stop.Set();
        _thread?.Join();
    }
}
