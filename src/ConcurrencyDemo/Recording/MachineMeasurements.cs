using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Recording;

/// <summary>What the machine spent on a real-clock run (absent for virtual-clock runs, which must be reproducible).</summary>
/// <param name="WallTime">From the run's zero (after start-up) to its end.</param>
/// <param name="PeakResidentBytes">Peak resident memory of the process during this run (see <see cref="PeakResidentSinceRunStart"/>).</param>
/// <param name="PeakVirtualBytes">Largest virtual size seen while sampling (VmSize).</param>
/// <param name="PeakThreads">Most threads the process had at once, sampled every 100 ms.</param>
/// <param name="WorkerThreads">Threads the engine dedicated to requests (0 for async).</param>
public sealed record MachineMeasurements(TimeSpan WallTime, long PeakResidentBytes, long PeakVirtualBytes, int PeakThreads, int WorkerThreads)
{
    /// <summary>
    /// True: <see cref="PeakResidentBytes"/> is the kernel's VmHWM reset at the run's start, so it is
    /// this run's own peak. False: the reset was not possible and it is the larger of the samples
    /// taken every 100 ms during the run (a short spike between samples can be missed).
    /// </summary>
    public bool PeakResidentSinceRunStart { get; init; }

    /// <summary>What the process held resident when the run started (after a compacting collection): part of the peak, not the run's doing.</summary>
    public long ResidentAtStartBytes { get; init; }

    /// <summary>Starting worker threads, servers and warm-up, before the run's zero: charged to no request.</summary>
    public TimeSpan StartUp { get; init; }

    /// <summary>CPU time the whole process used from the run's zero to its end (all threads, user and kernel).</summary>
    public TimeSpan CpuTime { get; init; }

    /// <summary>Garbage collections during the run (all generations), each of which pauses every managed thread.</summary>
    public int GcCollections { get; init; }

    /// <summary>How long the garbage collector paused the process during the run, in total.</summary>
    public TimeSpan GcPause { get; init; }

    /// <summary>Bytes the process allocated on the managed heap during the run (all threads).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>
    /// Methods the JIT compiled during the run. Each compilation delays the request that needed it and
    /// takes CPU from the run, so a run that compiles nothing measures the service, not the JIT.
    /// </summary>
    public long JitCompilations { get; init; }

    /// <summary>Time the JIT spent compiling during the run (all threads).</summary>
    public TimeSpan JitTime { get; init; }

    /// <summary>The instrument's own timing error, measured during the run.</summary>
    public InstrumentError? TimingError { get; init; }
}
