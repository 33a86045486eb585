namespace ConcurrencyDemo.Recording;

/// <summary>What the machine spent on a real-clock run (absent for virtual-clock runs, which must be reproducible).</summary>
/// <param name="WallTime">From the start of the run to its end.</param>
/// <param name="PeakResidentBytes">Peak resident memory of the process (VmHWM).</param>
/// <param name="PeakVirtualBytes">Largest virtual size seen while sampling (VmSize).</param>
/// <param name="PeakThreads">Most threads the process had at once, sampled every 100 ms.</param>
/// <param name="WorkerThreads">Threads the engine dedicated to requests (0 for async).</param>
public sealed record MachineMeasurements(TimeSpan WallTime, long PeakResidentBytes, long PeakVirtualBytes, int PeakThreads, int WorkerThreads);
