using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>A way of serving requests on the real clock.</summary>
internal interface IRealClockEngine
{
    /// <summary>Worker threads this engine dedicates to requests (0 for async).</summary>
    int WorkerThreads { get; }

    /// <summary>Serves every request of <paramref name="schedule"/> and records each into <paramref name="recorder"/>.</summary>
    /// <returns>When all requests completed, or the run was cancelled and the grace period ended.</returns>
    void Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken);
}
