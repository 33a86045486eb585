namespace ConcurrencyDemo.Recording;

/// <summary>Samples the process's thread count, virtual and resident size every 100 ms during a run, keeping the peaks.</summary>
internal sealed class ResourceSampler : IDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private int _peakThreads;
    private long _peakVirtual;
    private long _peakResident;

    public ResourceSampler(TimeProvider timeProvider)
    {
        // The first sample goes through the timer's own callback, so that it is compiled now rather than
        // during the run it samples.
        TimerCallback sample = _ => Sample();
        sample(null);
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

    public void Dispose() => _timer.Dispose();
}
