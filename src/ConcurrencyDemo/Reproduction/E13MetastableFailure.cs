using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// E13: a metastable failure (Bronson et al., "Metastable Failures in Distributed Systems", HotOS 2021).
/// Four endpoints that each serve 5 calls at once (20 ms: 1000 calls/s in all) take 700 requests/s, 70 %
/// of capacity; for 2 s every endpoint slows to 40 ms (capacity halves). The calls that queue meanwhile
/// wait past the 100 ms timeout. Without retries the backlog drains once the window ends; with 3 retries
/// and no budget every timed-out call comes back up to three times, the endpoints are offered far more
/// than they can serve, every call keeps timing out, and goodput stays near zero long after the cause is
/// gone; a 10 % retry budget caps the extra load below the spare capacity, and the service recovers.
/// </summary>
internal sealed class E13MetastableFailure : IExperiment
{
    private const double Rate = 700;
    private const string Latency = "20ms*4";
    private const int UpstreamCapacity = 5;
    private static readonly TimeSpan s_windowStart = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_windowEnd = TimeSpan.FromSeconds(12);

    public string Id => "E13";

    public string What => "metastable failure: 700 rps on endpoints of 1000 calls/s, all slow 10–12 s; no retries vs 3 retries vs 3 retries with a 10 % budget, async, virtual clock";

    private static readonly (string Label, MitigationSettings Settings)[] s_runs =
    [
        ("no retries", MitigationSettings.None),
        ("3 retries, no budget", MitigationSettings.None with { Retries = 3 }),
        ("3 retries, 10 % budget", MitigationSettings.None with { Retries = 3, RetryBudget = RetryBudgetSettings.Share(10) }),
    ];

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        long requests = (long)(Rate * 40); // 40 s of load: 28 s after the window to recover
        var table = new List<IReadOnlyList<string>> { new[] { "run", "successes", "timed out", "extra calls", "goodput in the last 10 s of load", "recovered after the window" } };
        var commands = new List<string>();
        var results = new List<(string Label, RunResult Result, TimeSpan? Recovery)>();
        foreach ((string label, MitigationSettings settings) in s_runs)
        {
            Scenario scenario = new ScenarioBuilder
            {
                Rate = Rate.ToString(Inv),
                RequestCount = requests.ToString(Inv),
                Latency = Latency,
                Timeout = "100ms",
                UpstreamCapacity = UpstreamCapacity.ToString(Inv),
                Slowdowns = [string.Create(Inv, $"all=40ms@{s_windowStart.TotalSeconds:0}-{s_windowEnd.TotalSeconds:0}")],
                Engine = EngineKind.Async,
                Clock = ClockKind.Virtual,
            }.Build() with { Mitigations = settings };
            scenario = scenario with { Name = "E13_" + DefaultScenarioName.For(scenario) };
            RunResult result = ExperimentRuns.Run(scenario, cancellationToken);
            commands.Add(CommandText.For(scenario));
            TimeSpan? recovery = GoodputRecovery.After(result.Statistics, Rate, s_windowEnd, scenario.LoadDuration);
            results.Add((label, result, recovery));
            table.Add(
            [
                label,
                result.Statistics.Successes.ToString(Inv),
                result.Statistics.Timeouts.ToString(Inv),
                string.Create(Inv, $"{result.MitigationCounters?.ExtraLoadPercent ?? 0:0.#} %"),
                string.Create(Inv, $"{LastSecondsGoodput(result, scenario.LoadDuration, 10):0.#}/s of {Rate:0}"),
                RecoveryText(recovery),
            ]);
        }

        var charts = new List<ExperimentChart>
        {
            new("E13: successes per second, no retries (left) vs 3 retries without a budget (right); the slowdown window shaded", ComparisonCharts.Render(ChartKind.RequestRate, results[0].Result, results[1].Result)),
            new("E13: successes per second, 3 retries without a budget (left) vs with a 10 % budget (right)", ComparisonCharts.Render(ChartKind.RequestRate, results[1].Result, results[2].Result)),
        };

        bool plainRecovers = results[0].Recovery is not null;
        bool stormStays = results[1].Recovery is null && LastSecondsGoodput(results[1].Result, results[1].Result.Scenario.LoadDuration, 10) < 0.1 * Rate;
        bool budgetRecovers = results[2].Recovery is not null;
        Verdict verdict = plainRecovers && stormStays && budgetRecovers ? Verdict.Matches : Verdict.Differs;
        string why = verdict == Verdict.Matches
            ? $"without retries the service recovers {RecoveryText(results[0].Recovery)}, with a 10 % budget {RecoveryText(results[2].Recovery)}; with unbudgeted retries goodput stays under 10 % of the offered load to the end of the run, {(s_windowEnd - s_windowStart).TotalSeconds:0} s of slowness having become a lasting outage"
            : $"expected recovery without retries ({RecoveryText(results[0].Recovery)}) and with the budget ({RecoveryText(results[2].Recovery)}), and none with unbudgeted retries ({RecoveryText(results[1].Recovery)})";
        return new ExperimentResult(
            "E13",
            "Metastable failure: retries turn a short slowdown into a lasting outage",
            commands,
            "Bronson et al. (HotOS 2021): a trigger pushes load past capacity, and a sustaining effect (here retries of timed-out calls, which the overloaded endpoints still serve) keeps it there after the trigger is gone",
            string.Join("; ", results.Select(r => $"{r.Label}: {RecoveryText(r.Recovery)}")),
            string.Create(Inv, $"capacity 4 × 5 / 20 ms = 1000 calls/s; offered 700/s (70 %). In the window 4 × 5 / 40 ms = 500/s, so calls queue and wait past the 100 ms timeout. Without retries the endpoints are offered 700/s < 1000 and drain the backlog. With 3 retries each timed-out request makes 4 calls: 2800/s > 1000, so the queue never drains and every call times out. A 10 % budget allows at most 700 × 10 % + 10 = 80 retries/s: 780/s < 1000, so it drains."),
            verdict,
            why,
            table,
            charts,
            TimeSpan.Zero)
        {
            Rule = string.Create(Inv, $"matches when the runs without retries and with the budget get back to {GoodputRecovery.RecoveredShare:0%} of the offered {Rate:0}/s within the run and stay there, and the run with unbudgeted retries does not (under 10 % in its last 10 s of load)"),
        };
    }

    private static string RecoveryText(TimeSpan? recovery) =>
        recovery is { } r ? string.Create(Inv, $"{r.TotalSeconds:0} s after the window ended") : "did not recover within the run";

    // Mean successes per second over the last whole seconds of the load.
    private static double LastSecondsGoodput(RunResult result, TimeSpan loadEnd, int seconds)
    {
        long last = (long)Math.Floor(loadEnd.TotalSeconds) - 1;
        long first = last - seconds + 1;
        return result.Statistics.RatePerSecond.Where(p => p.Second >= first && p.Second <= last).Sum(p => p.Successes) / (double)seconds;
    }
}
