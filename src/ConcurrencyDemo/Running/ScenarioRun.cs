using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Upstream;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Running;

/// <summary>
/// One run of a scenario: Workload → Engine → Recorder. Progress can be read from any thread while
/// <see cref="Run"/> works.
/// </summary>
public sealed class ScenarioRun
{
    private readonly Scenario _scenario;
    private readonly TimeProvider _timeProvider;
    private readonly ArrivalSchedule _schedule;
    private readonly Recorder _recorder;
    private readonly EndpointPolicy? _policy;
    private volatile bool _interrupted;
    private long _residentAtStart;
    private IReadOnlyList<ThreadPoolSample>? _poolSamples;

    public ScenarioRun(Scenario scenario, TimeProvider? timeProvider = null)
    {
        _scenario = scenario;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _schedule = new ArrivalSchedule(scenario);
        _recorder = new Recorder(scenario.LoadDuration) { Answered = _schedule.Answered, Window = scenario.Duration };
        _policy = EndpointPolicy.For(scenario);
    }

    /// <summary>
    /// The URLs the http transport called (one per endpoint): the loopback servers it started, or
    /// the scenario's <see cref="Scenario.Upstreams"/>. Empty for the model transport or before the run.
    /// </summary>
    public IReadOnlyList<Uri> Upstreams { get; private set; } = [];

    /// <summary>Requests sent so far.</summary>
    public long Sent => _schedule.Issued;

    /// <summary>Requests completed so far (successes and timeouts).</summary>
    public long Completed => _recorder.Completed;

    /// <summary>Requests that failed so far.</summary>
    public long Failed => _recorder.Failed;

    /// <summary>Runs the scenario to the end, or until <paramref name="cancellationToken"/> fires (the result is then partial).</summary>
    public RunResult Run(CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration interrupted = cancellationToken.Register(() => _interrupted = true);
        if (_scenario.Clock == ClockKind.Virtual)
        {
            if (_scenario.Engine == EngineKind.ThreadPool)
            {
                _poolSamples = ThreadPoolModel.Run(_scenario, _schedule, _recorder, _policy, cancellationToken);
                return Finish(machine: null);
            }

            VirtualClockSimulator.Run(_scenario, _schedule, _recorder, _policy, cancellationToken);
            return Finish(machine: null);
        }

        using RunTimer timer = RunTimer.For(
            _scenario.Timer,
            _timeProvider,
            awaitedCallsOnThreadPool: _scenario.Engine == EngineKind.ThreadPool,
            coalescingWindow: CoalescingWindow.ForRate(_scenario.RatePerSecond));
        // Reset before anything starts, so the peak is the one during this run (threads and servers included).
        // A run after another in the same process (compare, sweep, reproduce) starts from a compacted
        // heap, so that the memory the earlier run freed is not counted as this run's.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _residentAtStart = ProcessStatus.Read().ResidentBytes;
        bool peakIsRuns = ProcessStatus.TryResetPeakResident();
        long startUpBegins = timer.GetTimestamp();
        if (_scenario.Transport == TransportKind.Http)
        {
            return RunOverHttp(timer, startUpBegins, peakIsRuns, cancellationToken);
        }

        return RunOnRealClock(new ModelEndpointCaller(_scenario, timer), timer, startUpBegins, peakIsRuns, cancellationToken);
    }

    private RunResult RunOverHttp(RunTimer timer, long startUpBegins, bool peakIsRuns, CancellationToken cancellationToken)
    {
        // Servers start before the run's clock does: their start-up is not part of any request.
        LoopbackUpstreams? servers;
        try
        {
            servers = _scenario.Upstreams.Count == 0
                ? LoopbackUpstreams.Start(_scenario.EndpointLatencies, _scenario.Timeout, _schedule.Upstream, cancellationToken)
                : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted while the servers started: nothing was sent; a partial, empty result.
            return Finish(machine: null);
        }

        try
        {
            Upstreams = servers?.Urls ?? _scenario.Upstreams;
            using var caller = new HttpEndpointCaller(Upstreams, _scenario.Timeout, sendRequestIndex: servers is not null && !_schedule.Upstream.IsFixed);
            if (servers is not null)
            {
                // Only our own servers: a user's upstream gets no traffic beyond the run's requests.
                caller.WarmUp(servers.WarmUpUrls, cancellationToken);
            }

            return RunOnRealClock(caller, timer, startUpBegins, peakIsRuns, cancellationToken, clock => servers?.MarkRunStart(() => clock.Elapsed));
        }
        finally
        {
            // Also after a failed or interrupted run: no listening socket outlives the run.
            servers?.Dispose();
        }
    }

    private RunResult RunOnRealClock(IEndpointCaller caller, RunTimer timer, long startUpBegins, bool peakIsRuns, CancellationToken cancellationToken, Action<RunClock>? atZero = null)
    {
        IRealClockEngine engine = CreateEngine(_scenario, caller, _policy);

        // Restores the pool limits a threadpool run set, however the run ends.
        using var disposeEngine = engine as IDisposable;
        // A threadpool run measures the pool: the sampler's timer must not run on it.
        using var sampler = new ResourceSampler(_timeProvider, dedicatedThread: _scenario.Engine == EngineKind.ThreadPool);
        TimeSpan startUp = TimeSpan.Zero;
        TimeSpan cpuAtZero = TimeSpan.Zero;
        int gcAtZero = 0;
        TimeSpan gcPauseAtZero = TimeSpan.Zero;
        long allocatedAtZero = 0;
        long jitCompilationsAtZero = 0;
        TimeSpan jitTimeAtZero = TimeSpan.Zero;
        long wallStart = 0;
        // The machine's floor, measured beside the run; its thread starts now, before the zero.
        using var probe = MachineProbe.Start();
        // Each success's times, so the summary can also give the overhead of the requests no stall of the machine touched.
        _recorder.KeepSuccesses(_scenario.RequestCount);
        // The engine (and its pacer) gets a dedicated thread: run on a thread-pool thread, a blocked
        // pacer would starve the pool that async completions need, stalling the first second.
        Exception? failure = null;
        var engineThread = new Thread(() =>
        {
            try
            {
                // The warm-up's calls go through a policy of their own, so that the run's counts only its own calls.
                EngineWarmUp.Run(_scenario, static (burst, burstCaller) => CreateEngine(burst, burstCaller, EndpointPolicy.For(burst), warmUp: true), cancellationToken);
                engine.Start(cancellationToken);
                // The run's zero: every worker (and server) is ready, so no request pays for start-up.
                var clock = new RunClock(timer);
                atZero?.Invoke(clock);
                wallStart = timer.GetTimestamp();
                probe.MarkZero(System.Diagnostics.Stopwatch.GetTimestamp()); // the probe reads Stopwatch, whatever clock the run reads
                startUp = timer.ToDuration(wallStart - startUpBegins);
                cpuAtZero = Environment.CpuUsage.TotalTime;
                gcAtZero = GC.CollectionCount(0);
                gcPauseAtZero = GC.GetTotalPauseDuration();
                allocatedAtZero = GC.GetTotalAllocatedBytes(precise: false);
                jitCompilationsAtZero = System.Runtime.JitInfo.GetCompiledMethodCount();
                jitTimeAtZero = System.Runtime.JitInfo.GetCompilationTime();
                if (!cancellationToken.IsCancellationRequested)
                {
                    engine.Run(_schedule, _recorder, clock, cancellationToken);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        {
            Name = "engine",
            IsBackground = true,
        };
        engineThread.Start();
        engineThread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        // Read first, before anything after the run (reading the peaks, the timer's error) is compiled or allocates.
        TimeSpan cpu = Environment.CpuUsage.TotalTime - cpuAtZero;
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedAtZero;
        long jitCompilations = System.Runtime.JitInfo.GetCompiledMethodCount() - jitCompilationsAtZero;
        TimeSpan jitTime = System.Runtime.JitInfo.GetCompilationTime() - jitTimeAtZero;
        TimeSpan wall = timer.ToDuration(timer.GetTimestamp() - wallStart);
        MachineFloor? floor = probe.Stop();
        (int peakThreads, long peakVirtual, long sampledPeakResident) = sampler.Peaks;
        var machine = new MachineMeasurements(
            wall,
            peakIsRuns ? ProcessStatus.Read().PeakResidentBytes : sampledPeakResident,
            peakVirtual,
            peakThreads,
            engine.WorkerThreads)
        {
            PeakResidentSinceRunStart = peakIsRuns,
            ResidentAtStartBytes = _residentAtStart,
            StartUp = startUp,
            CpuTime = cpu,
            GcCollections = GC.CollectionCount(0) - gcAtZero, // a gen1 or gen2 collection counts as gen0 too
            GcPause = GC.GetTotalPauseDuration() - gcPauseAtZero,
            AllocatedBytes = allocated,
            JitCompilations = jitCompilations,
            JitTime = jitTime,
            TimingError = timer.Error() with { Machine = floor, WithoutStalls = WithoutStalls(floor) },
        };
        _poolSamples = (engine as DotnetThreadPoolEngine)?.Samples;
        return Finish(machine);
    }

    // Null when the probe did not run, or kept fewer stalls than it counted (the rest have no time).
    private OverheadWithoutStalls? WithoutStalls(MachineFloor? floor)
    {
        if (floor is null || floor.Stalls.Count < floor.StallCount)
        {
            return null;
        }

        // A stall began at the earliest one sleep before its sleeper was due: the sleeper saw its CPU run then.
        return _recorder.OverheadOutside([.. floor.Stalls.Select(stall => (stall.At - floor.Interval, stall.At + TimeSpan.FromMilliseconds(stall.LateMs)))]);
    }

    /// <summary>The engine of <paramref name="scenario"/>'s mode.</summary>
    /// <param name="scenario">The run (or the warm-up burst).</param>
    /// <param name="caller">How calls reach an endpoint.</param>
    /// <param name="policy">Which endpoint each call goes to; null: round robin.</param>
    /// <param name="warmUp">For <see cref="EngineWarmUp"/>'s burst: a threadpool engine then runs its work items off the pool, which must reach the run as the process had it.</param>
    internal static IRealClockEngine CreateEngine(Scenario scenario, IEndpointCaller caller, EndpointPolicy? policy, bool warmUp = false) => scenario.Engine switch
    {
        EngineKind.Sync => new BlockingThreadPoolEngine(scenario.Threads, caller, policy),
        EngineKind.ThreadPool => new DotnetThreadPoolEngine(scenario.Pool!, caller, policy) { WarmUpOffThePool = warmUp },
        _ => new AsyncEngine(caller, policy),
    };

    private RunResult Finish(MachineMeasurements? machine)
    {
        // A closed loop that stopped at its --duration sent all it was asked to: what it sent.
        bool stoppedByDuration = _scenario.Duration is not null && !_interrupted && !_schedule.HasMore;
        RunStatistics statistics = _recorder.Statistics(stoppedByDuration ? _schedule.Issued : _scenario.RequestCount, _schedule.Issued);
        // Interrupted is partial even when every call ended: the run did not end on its own.
        bool partial = _interrupted || statistics.Sent < statistics.Requests || statistics.Unfinished > 0;
        return new RunResult(_scenario, statistics, machine, partial)
        {
            Endpoints = _policy?.Statistics(statistics.LastCompletion),
            MitigationCounters = Counters(),
            Pool = _poolSamples is null ? null : ThreadPoolTimeline.From(_poolSamples, _scenario),
            ClosedLoop = _schedule.ClosedLoop,
            Window = _scenario.Duration is TimeSpan duration
                ? new DurationWindow(duration, statistics.Sent, statistics.AnsweredInWindow, statistics.Successes + statistics.Failures, statistics.MeanResponse)
                : null,
        };
    }

    // The policy's retries and hedges, and with a fan-out the hedges of its single calls.
    private MitigationCounters? Counters()
    {
        if (_policy?.Counters() is not { } counters)
        {
            return null;
        }

        (long hedged, long won) = _schedule.Upstream.LeafHedges;
        return counters with
        {
            Hedged = counters.Hedged + hedged,
            HedgesWon = counters.HedgesWon + won,
            CallsPerAttempt = _scenario.Fanout.Calls,
        };
    }
}
