using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// E12: what saves the E3 service (one endpoint in ten dead) without rewriting it: each mitigation on
/// top of a 1 s timeout, sync 50 and async, on the virtual clock; the unmitigated E3 first.
/// </summary>
/// <remarks>
/// The retry and hedge rows pick endpoints at random, for which a closed form exists (round robin's
/// turns shift with every retry, which has none).
/// </remarks>
internal sealed class E12MitigationsOnE3 : IExperiment
{
    /// <summary>How far a row with a closed form may be from it to match.</summary>
    public const double Tolerance = 0.03;

    private const int Threads = 50;
    private const long Requests = 60_000;

    public string Id => "E12";

    public string What => "E3 (1000 rps, 20ms*9,30s) × {none, timeout 1s, least-outstanding, p2c, ejection, breaker, bulkhead, retries, retry budget, hedging}, sync 50 and async, virtual clock";

    private static readonly (string Label, string? Timeout, MitigationSettings Settings)[] s_rows =
    [
        ("none (E3: 30 s timeout, round robin)", null, MitigationSettings.None),
        ("timeout 1s", "1s", MitigationSettings.None),
        ("timeout 1s + least-outstanding", "1s", new(BalancerKind.LeastOutstanding, null)),
        ("timeout 1s + p2c", "1s", new(BalancerKind.PowerOfTwoChoices, null)),
        ("timeout 1s + ejection (Envoy defaults)", "1s", new(BalancerKind.RoundRobin, EjectionSettings.Default)),
        ("timeout 1s + breaker (Polly defaults)", "1s", MitigationSettings.None with { Breaker = BreakerSettings.Default }),
        ("timeout 1s + bulkhead 5", "1s", MitigationSettings.None with { Bulkhead = 5 }),
        ("timeout 1s + random + retries 2", "1s", new(BalancerKind.Random, null) { Retries = 2 }),
        ("timeout 1s + random + retries 2, budget 5 %", "1s", new(BalancerKind.Random, null) { Retries = 2, RetryBudget = RetryBudgetSettings.Share(5) }),
        ("timeout 1s + random + hedge after 50 ms", "1s", new(BalancerKind.Random, null) { HedgeAfter = TimeSpan.FromMilliseconds(50) }),
    ];

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        var commands = new List<string>();
        var table = new List<IReadOnlyList<string>> { new[] { "mode", "mitigation", "Avg rate", "theory", "p99 overhead (ms)", "extra load", "dead endpoint: requests, fast fails, time ejected or open" } };
        var charts = new List<ExperimentChart>();
        var misses = new List<string>();
        foreach (int threads in new[] { Threads, 0 })
        {
            string mode = threads > 0 ? $"sync {threads}" : "async";
            RunResult? baseline = null;
            foreach ((string label, string? timeout, MitigationSettings settings) in s_rows)
            {
                Scenario scenario = new ScenarioBuilder
                {
                    Rate = "1000",
                    RequestCount = Requests.ToString(Inv),
                    Latency = "20ms*9,30s",
                    Timeout = timeout,
                    Engine = threads > 0 ? EngineKind.Sync : EngineKind.Async,
                    Threads = threads > 0 ? threads.ToString(Inv) : null,
                    Clock = ClockKind.Virtual,
                }.Build() with { Mitigations = settings };
                scenario = scenario with { Name = "E12_" + DefaultScenarioName.For(scenario) };
                RunResult result = ExperimentRuns.Run(scenario, cancellationToken);
                commands.Add(CommandText.For(scenario));

                ScenarioTheory theory = ScenarioTheory.For(scenario);
                // Least-outstanding and p2c have no closed form: only the others are judged.
                bool hasForm = settings.Balancer is BalancerKind.RoundRobin || theory.ExtraLoadPercent is not null;
                bool closedForm = hasForm && (baseline is not null || threads == 0);
                double avg = result.Statistics.Rate.Average;
                if (closedForm && !Close(avg, theory.ExpectedSuccessRate, Tolerance))
                {
                    misses.Add(string.Create(Inv, $"{mode} {label}: {avg:0.#} vs theory {theory.ExpectedSuccessRate:0.#}"));
                }

                EndpointStatistics? dead = result.Endpoints?[9];
                table.Add(new[]
                {
                    mode,
                    label,
                    avg.ToString("0.0", Inv),
                    hasForm ? theory.ExpectedSuccessRate.ToString("0.0", Inv) : "no closed form",
                    OverheadText(result, 99, "0.0"),
                    string.Create(Inv, $"{result.MitigationCounters?.ExtraLoadPercent ?? 0:0.#} %{(theory.ExtraLoadPercent is { } x ? $" (theory {x:0.#} %)" : "")}"),
                    dead is null ? "" : string.Create(Inv, $"{dead.Requests}, {dead.FastFails}, {Units.Duration(dead.TimeEjected + dead.TimeOpen)}"),
                });

                if (baseline is null)
                {
                    baseline = result;
                }
                else
                {
                    charts.Add(new ExperimentChart($"E12 {mode}: successes per second, unmitigated E3 (left) vs {label} (right)", ComparisonCharts.Render(ChartKind.RequestRate, baseline, result)));
                }
            }
        }

        Verdict verdict = misses.Count == 0 ? Verdict.Matches : Verdict.Differs;
        string why = misses.Count == 0
            ? "every row with a closed form is within 3 % of it (retries and hedging: random picks); least-outstanding and p2c have none"
            : "off their closed form: " + string.Join("; ", misses);
        return new ExperimentResult(
            "E12",
            "Mitigations on E3: what saves the blocking service without rewriting it to async",
            commands,
            "not in the article: it stops at the diagnosis (E3); this is the next question",
            string.Join("; ", table.Skip(1).Select(r => $"{r[0]} {r[1]}: {r[2]}/s")),
            "timeout 1 s: sync holds 0.9 × 20 ms + 0.1 × 1 s = 118 ms per request → 50 / 0.118 = 423.7/s × 0.9 = 381.4 successes/s; async 1000 × 0.9 = 900/s. Dead endpoint ejected: 50 / 20 ms = 2500/s ≥ 1000, so 1000/s (less the first second and each return). Breaker open or bulkhead 5: the dead endpoint's calls fail fast (or hold at most 5 threads), the other 900/s run on the threads left, so 900 successes/s. Retries (random picks, each retry to another endpoint): the dead endpoint's 10 % fail once and succeed on retry, so sync holds 20 ms + 0.1 × 1 s = 120 ms → 416.7/s, all succeeding, for 10 % extra calls; a 5 % budget (plus 10 retries/s) lets about three in four through. Hedging after 50 ms: a call to the dead endpoint gets a second call at 50 ms that answers at 70 ms, so sync holds 0.9 × 20 + 0.1 × 70 = 25 ms → 2000/s ≥ 1000, everything succeeds, for 10 % extra calls. Least-outstanding and p2c: no closed form",
            verdict,
            why,
            table,
            charts,
            TimeSpan.Zero)
        {
            Rule = "matches when every row with a closed form (none on async, timeout 1 s, ejection, breaker, bulkhead, retries, retry budget, hedging) is within 3 % of it on the virtual clock; the unmitigated sync row is E3's transient and is judged there",
        };
    }
}
