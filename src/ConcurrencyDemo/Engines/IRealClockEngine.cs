using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>A way of serving requests on the real clock.</summary>
/// <remarks>
/// An interrupted run behaves the same in every engine and phase: no new request is taken, calls in
/// flight get <see cref="CancelGrace.Duration"/> to finish, then they are abandoned (their waits
/// cancelled) and counted as unfinished.
/// </remarks>
internal interface IRealClockEngine
{
    /// <summary>Worker threads this engine dedicates to requests (0 for async).</summary>
    int WorkerThreads { get; }

    /// <summary>
    /// Starts what serves requests (worker threads) and returns when it is ready, before the run's
    /// clock starts: start-up is never charged to a request. Returns early when cancelled.
    /// </summary>
    void Start(CancellationToken cancellationToken);

    /// <summary>Serves every request of <paramref name="schedule"/> and records each into <paramref name="recorder"/>.</summary>
    /// <returns>When all requests completed, or the run was cancelled and the grace period ended.</returns>
    void Run(ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken);
}
