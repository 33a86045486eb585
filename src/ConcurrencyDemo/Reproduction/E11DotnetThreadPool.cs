using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// E11: .NET's own thread pool. One load (50 rps on a 100 ms upstream: 5 threads busy at once by
/// Little's law) served four ways: a fixed pool of 10 threads (the article's sync), blocking work items
/// on the process's ThreadPool that wait with <c>.GetAwaiter().GetResult()</c> (a wait its blocking-aware
/// injection sees) or in a wait it cannot see, and async. The pool starts at a minimum of 2 threads
/// (below the 5 needed whatever the core count); the model (virtual clock) always runs, the real pool
/// only in a full <c>reproduce</c> (minutes of real time are not --quick's).
/// </summary>
internal sealed class E11DotnetThreadPool : IExperiment
{
    private const double Rate = 50;
    private const long Requests = 500; // 10 s of load
    private const string Latency = "100ms";
    private const int FixedThreads = 10;

    // Below the 5 threads the load needs on any machine (.NET's default minimum is the core count).
    private const int PoolMinThreads = 2;

    /// <summary>How far a real run's Avg rate may be from the model's and still count as the model's figure.</summary>
    public const double ModelTolerance = 0.25;

    /// <summary>How long a p99 must be to count as the starvation the gate thread's one thread a second makes.</summary>
    public static readonly TimeSpan StarvedP99 = TimeSpan.FromMilliseconds(500);

    public string Id => "E11";

    public string What => "50 rps, 100ms: fixed pool of 10 vs ThreadPool result vs ThreadPool sleep vs async, model and real pool (the model only with --virtual-only)";

    private static readonly (string Label, EngineKind Engine, BlockKind? Block)[] s_modes =
    [
        ("fixed pool, 10 threads", EngineKind.Sync, null),
        ("ThreadPool, --block result", EngineKind.ThreadPool, BlockKind.Result),
        ("ThreadPool, --block sleep", EngineKind.ThreadPool, BlockKind.Sleep),
        ("async", EngineKind.Async, null),
    ];

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        // Also with --quick: the four real runs are 10 s of load each, short beside E3's 10 minutes.
        bool real = !context.Options.VirtualOnly;
        var commands = new List<string>();
        var model = new List<RunResult>();
        var measured = new List<RunResult>();
        var poolAtStart = new List<(int Threads, TimeSpan Waited)>();
        foreach ((string _, EngineKind engine, BlockKind? block) in s_modes)
        {
            Scenario scenario = Scenario(engine, block, ClockKind.Virtual);
            model.Add(ExperimentRuns.Run(scenario, cancellationToken));
            commands.Add(CommandText.For(scenario));
        }

        if (real)
        {
            // The real pool is the process's: earlier experiments may have left it threads that a fresh service would not have.
            foreach ((string _, EngineKind engine, BlockKind? block) in s_modes)
            {
                Scenario scenario = Scenario(engine, block, ClockKind.Real);
                if (engine == EngineKind.ThreadPool)
                {
                    poolAtStart.Add(WaitForPoolAtRest(cancellationToken));
                }

                measured.Add(ExperimentRuns.Run(scenario, cancellationToken));
                commands.Add(CommandText.For(scenario));
            }
        }

        var table = new List<IReadOnlyList<string>> { new[] { "mode", "Avg rate model", "Avg rate real", "p99 overhead model", "p99 overhead real", "threads model", "threads real", "kept up model / real" } };
        for (int i = 0; i < s_modes.Length; i++)
        {
            RunResult m = model[i];
            RunResult? r = real ? measured[i] : null;
            table.Add(
            [
                s_modes[i].Label,
                string.Create(Inv, $"{m.Statistics.Rate.Average:0.000}"),
                r is null ? "not run" : string.Create(Inv, $"{r.Statistics.Rate.Average:0.000}"),
                OverheadText(m, 99, "0.0") + " ms",
                r is null ? "not run" : OverheadText(r, 99, "0.0") + " ms",
                Threads(m),
                r is null ? "not run" : Threads(r),
                m.Pool is null ? "—" : $"{KeptUp(m)} / {(r is null ? "not run" : KeptUp(r))}",
            ]);
        }

        (Verdict verdict, string why) = Judge(model, real ? measured : null);
        ThreadPoolTheory result = ThreadPoolTheory.For(model[1].Scenario);
        ThreadPoolTheory sleep = ThreadPoolTheory.For(model[2].Scenario);
        int min = model[1].Scenario.Pool!.MinThreads;
        string theory = string.Create(Inv, $"Little's law: {Rate:0} rps × 0.1 s = {result.ThreadsNeeded} threads busy at once, so the fixed pool of {FixedThreads} and async keep up. The pool starts at its minimum, set to {min}: with result its blocking-aware injection adds threads at once, then one per 25–250 ms ({Ramp(result)}); with sleep only the gate thread adds them, about one a second ({Ramp(sleep)})");
        var charts = new List<ExperimentChart>
        {
            new("E11: successes per second, ThreadPool result (left) vs sleep (right), model", ComparisonCharts.Render(ChartKind.RequestRate, model[1], model[2])),
            new("E11: overhead over time, ThreadPool result (left) vs sleep (right), model", ComparisonCharts.Render(ChartKind.Timeline, model[1], model[2])),
        };
        if (real)
        {
            charts.Add(new("E11: overhead over time, ThreadPool result (left) vs sleep (right), real pool", ComparisonCharts.Render(ChartKind.Timeline, measured[1], measured[2])));
        }

        string ours = string.Join("; ", s_modes.Select((mode, i) => string.Create(Inv, $"{mode.Label}: {model[i].Statistics.Rate.Average:0.###}/s, p99 {OverheadText(model[i], 99, "0.0")} ms (model){(real ? string.Create(Inv, $", {measured[i].Statistics.Rate.Average:0.###}/s, p99 {OverheadText(measured[i], 99, "0.0")} ms (real)") : "")}")));
        return new ExperimentResult(
            "E11",
            ".NET ThreadPool: blocking on the shared pool, seen and unseen waits",
            commands,
            "not in the article (its sync service owns a fixed pool); the .NET diagnostics tutorial on ThreadPool starvation shows the same failure: blocked pool threads, injected slowly",
            real ? ours + "; " + PoolAtStartText(poolAtStart) : ours + "; real clock not run (--virtual-only)",
            theory,
            verdict,
            why,
            table,
            charts,
            TimeSpan.Zero)
        {
            Rule = string.Create(Inv, $"matches when, in the model, the fixed pool, ThreadPool result and async keep the offered {Rate:0}/s within 5 % while ThreadPool sleep's p99 overhead exceeds {StarvedP99.TotalMilliseconds:0} ms; and, when the real pool ran, each real Avg rate is within {ModelTolerance:0%} of the model's and sleep's p99 exceeds result's"),
        };
    }

    /// <summary>The verdict from the model's runs and (null when not run) the real ones, both in <see cref="s_modes"/> order.</summary>
    internal static (Verdict Verdict, string Why) Judge(IReadOnlyList<RunResult> model, IReadOnlyList<RunResult>? real)
    {
        bool keepUp = new[] { 0, 1, 3 }.All(i => Close(model[i].Statistics.Rate.Average, Rate, 0.05));
        double sleepP99 = model[2].Statistics.OverheadMsAt(99) ?? double.PositiveInfinity;
        bool starved = sleepP99 > StarvedP99.TotalMilliseconds;
        if (!keepUp || !starved)
        {
            return (Verdict.Differs, string.Create(Inv, $"expected the fixed pool, result and async to keep {Rate:0}/s and sleep to starve (p99 above {StarvedP99.TotalMilliseconds:0} ms) in the model; got {string.Join(", ", model.Select(m => $"{m.Statistics.Rate.Average:0.###}/s"))}, sleep p99 {sleepP99:0.#} ms"));
        }

        string modelText = string.Create(Inv, $"in the model the fixed pool, result and async keep {Rate:0}/s while sleep starves (p99 {sleepP99:0} ms): the pool sees a .Result wait and injects at once, it does not see a plain sleep and adds a thread a second");
        if (real is null)
        {
            return (Verdict.Matches, modelText);
        }

        var far = Enumerable.Range(0, model.Count).Where(i => !Close(real[i].Statistics.Rate.Average, model[i].Statistics.Rate.Average, ModelTolerance)).ToList();
        bool ordered = (real[2].Statistics.OverheadMsAt(99) ?? double.PositiveInfinity) > (real[1].Statistics.OverheadMsAt(99) ?? double.PositiveInfinity);
        if (far.Count == 0 && ordered)
        {
            return (Verdict.Matches, modelText + string.Create(Inv, $"; the real pool agrees within {ModelTolerance:0%} on every Avg rate, and sleep's p99 is above result's there too"));
        }

        return (Verdict.SameDirection, modelText + string.Create(Inv, $"; the real pool {(ordered ? "orders result and sleep the same way" : "does not: sleep's p99 is not above result's")}{(far.Count == 0 ? "" : $", but its Avg rate is more than {ModelTolerance:0%} from the model's for {string.Join(", ", far.Select(i => s_modes[i].Label))} (the model leaves hill climbing out, and the process's pool may hold threads from earlier experiments)")}"));
    }

    /// <summary>
    /// Waits, up to <see cref="PoolRestLimit"/>, until the process's ThreadPool holds no more threads than
    /// its default minimum (the core count). Threads an earlier run injected stay alive for about 20 s
    /// idle, and a pool that already has them never starves: the result run left sleep's run 9 threads,
    /// and sleep then kept up (p99 1.5 ms) where a fresh process starves (p99 2486 ms).
    /// </summary>
    private static (int Threads, TimeSpan Waited) WaitForPoolAtRest(CancellationToken cancellationToken)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (ThreadPool.ThreadCount > Environment.ProcessorCount
            && System.Diagnostics.Stopwatch.GetElapsedTime(start) < PoolRestLimit
            && !cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250)))
        {
        }

        return (ThreadPool.ThreadCount, System.Diagnostics.Stopwatch.GetElapsedTime(start));
    }

    private static readonly TimeSpan PoolRestLimit = TimeSpan.FromSeconds(40);

    private static string PoolAtStartText(IReadOnlyList<(int Threads, TimeSpan Waited)> atStart) =>
        "the real pool runs began with " + string.Join(" and ", atStart.Select(a => string.Create(Inv, $"{a.Threads} pool threads (after {a.Waited.TotalSeconds:0.#} s waiting for an earlier run's to retire)")))
        + string.Create(Inv, $"; the default minimum here is {Environment.ProcessorCount}");

    private static Scenario Scenario(EngineKind engine, BlockKind? block, ClockKind clock)
    {
        Scenario scenario = new ScenarioBuilder
        {
            Rate = Rate.ToString(Inv),
            RequestCount = Requests.ToString(Inv),
            Latency = Latency,
            Engine = engine,
            Threads = engine == EngineKind.Sync ? FixedThreads.ToString(Inv) : null,
            Block = block,
            PoolMinThreads = engine == EngineKind.ThreadPool ? PoolMinThreads.ToString(Inv) : null,
            Clock = clock,
        }.Build();
        return scenario with { Name = "E11_" + DefaultScenarioName.For(scenario) };
    }

    private static string Threads(RunResult r) => r.Scenario.Engine switch
    {
        EngineKind.Sync => r.Scenario.Threads.ToString(Inv),
        EngineKind.ThreadPool => string.Create(Inv, $"peak {r.Pool?.PeakThreads ?? 0}"),
        _ => "0 held",
    };

    private static string KeptUp(RunResult r) => r.Pool?.KeptUpAt is { } at ? Units.Duration(at) : "never";

    private static string Ramp(ThreadPoolTheory t) => t.RampTime is { } ramp
        ? string.Create(Inv, $"{t.ThreadsNeeded} threads in about {ramp.TotalSeconds:0.##} s, {t.Backlog:0} requests queued meanwhile")
        : "never: the maximum is below what is needed";
}
