using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Running;

/// <summary>
/// Before a real-clock run's zero, sends a short burst of model calls through a throwaway engine of the
/// same kind, its own timer and its own recorder, and discards the results. The pacer, the engine, the
/// timer and the recorder then run compiled code from the run's first request: without it, a short run
/// compiled some 400 methods in its first milliseconds and charged their 30–100 ms to the first requests.
/// </summary>
/// <remarks>
/// Nothing of it reaches an upstream: the burst uses the model transport even when the run uses http.
/// Half of its calls succeed and half time out, so both outcomes' code is compiled.
/// </remarks>
internal static class EngineWarmUp
{
    /// <summary>Requests in the burst: enough to run every path more than once, over about 60 ms.</summary>
    public const int Requests = 60;

    // Slow enough that the pacer sleeps between requests and sync workers wait for work (so that their
    // sleep and their wake-up at the end are compiled too): 4 workers serve 2.7 calls per ms.
    private const double Rate = 1_000;
    private const int MaxThreads = 4;

    /// <summary>Runs the burst on the calling thread; returns early when <paramref name="cancellationToken"/> fires.</summary>
    public static void Run(Scenario scenario, Func<Scenario, IEndpointCaller, IRealClockEngine> createEngine, CancellationToken cancellationToken)
    {
        Scenario burst = scenario with
        {
            Name = "warm-up",
            RatePerSecond = Rate,
            RequestCount = Requests,
            EndpointLatencies = Latencies(),
            // The run's distributions, as many as the burst's endpoints, so their code is compiled too.
            EndpointDistributions = scenario.EndpointDistributions.Count == 0 ? [] : [.. Latencies().Select((_, i) => scenario.EndpointDistributions[i % scenario.EndpointDistributions.Count])],
            Timeout = TimeSpan.FromMilliseconds(2), // whole milliseconds: .NET's timers complete a shorter wait at once
            Threads = Math.Min(scenario.Threads, MaxThreads),
            Transport = TransportKind.Model,
            Upstreams = [],
            Connections = Math.Min(scenario.Connections, MaxThreads),
        };

        using RunTimer timer = RunTimer.For(scenario.Timer, TimeProvider.System, awaitedCallsOnThreadPool: scenario.Engine == EngineKind.ThreadPool);
        IRealClockEngine engine = createEngine(burst, new ModelEndpointCaller(burst, timer));
        // A threadpool engine sets the pool's limits: the burst's must be restored before the run saves them.
        using var disposeEngine = engine as IDisposable;
        engine.Start(cancellationToken);
        if (!cancellationToken.IsCancellationRequested)
        {
            var schedule = new ArrivalSchedule(burst);
            // Answers reach the schedule as in the run: a closed loop's burst waits for its connections.
            engine.Run(schedule, new Recorder(burst.LoadDuration) { Answered = schedule.Answered }, new RunClock(timer), cancellationToken);
        }
    }

    // Parsed like a user's list, so the run indexes the same collection type the burst compiled.
    private static IReadOnlyList<TimeSpan> Latencies()
    {
        LatencyListParser.TryParse("1ms,3ms", out IReadOnlyList<TimeSpan> latencies, out _);
        return latencies;
    }
}
