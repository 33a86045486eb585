using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;
using ConcurrencyDemo.Theory;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>E8, the article's open question: how many threads does sync need for 10 000 rps at 20 ms, and what do they cost?</summary>
internal sealed class E8ThreadsFor10k : IExperiment
{
    private static readonly string[] s_virtualPools = ["50", "100", "150", "190", "200", "210", "250", "300", "400"];
    private static readonly string[] s_realPools = ["200", "400"];

    public string Id => "E8";

    public string What => "how many threads for 10 000 rps";

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        ReproductionOptions options = context.Options;
        Scenario baseline = Build("E8_sync_10k_20ms", 10_000, options.E8Requests, "20ms*10", 200, ClockKind.Virtual);
        var points = ParameterSweep.Scenarios(baseline, SweepParameter.Threads, s_virtualPools);
        MemoryCost? perThread = context.Memory?.LargestThreadSample;
        SweepResult sweep = ParameterSweep.Run(baseline, SweepParameter.Threads, points, perThread, null, cancellationToken);
        var commands = new List<string> { $"concurrency-demo-benchmarks --rate 10000 --num_req {options.E8Requests} --latency \"20ms*10\" sweep --parameter threads --values {string.Join(',', s_virtualPools)}" };
        string ours = SweepSummary.Answer(sweep);
        var table = new List<IReadOnlyList<string>> { new[] { "threads", "clock", "avg rate", "p99 overhead", "resident", "virtual", "kept up" } };
        AddRows(table, sweep);

        int theory = ScenarioTheory.For(baseline).MinimumThreads ?? 0;
        SweepResult? real = null;
        if (!options.VirtualOnly)
        {
            Scenario realBase = baseline with { Clock = ClockKind.Real, Name = "E8_sync_10k_20ms_real" };
            var realPoints = ParameterSweep.Scenarios(realBase, SweepParameter.Threads, s_realPools);
            real = ParameterSweep.Run(realBase, SweepParameter.Threads, realPoints, perThread, null, cancellationToken);
            commands.Add($"concurrency-demo-benchmarks --rate 10000 --num_req {options.E8Requests} --latency \"20ms*10\" --clock real sweep --parameter threads --values {string.Join(',', s_realPools)}");
            AddRows(table, real);
            ours += " On the real clock: " + string.Join("; ", real.Points.Select(p => $"{p.Label} threads {p.Result.Statistics.Rate.Average.ToString("0.0", Inv)}/s, p99 overhead {OverheadText(p.Result, 99, "0.#")} ms"));
        }

        SweepPoint? firstVirtual = sweep.Points.OrderBy(p => p.Value).FirstOrDefault(SweepResult.KeptUp);
        (Verdict verdict, string why) = Judge(theory, firstVirtual is null ? null : (int)firstVirtual.Value, real?.Points.Select(Pool).ToList());
        var charts = new List<ExperimentChart> { new("E8: sync at 10 000 rps, 20ms*10 — effective rate, p99 overhead and memory against the thread count (virtual clock)", SweepChart.Render(sweep)) };
        return new ExperimentResult("E8", "The reader's question: threads for 10 000 rps", commands,
            "left to the reader: how many threads, how much memory", ours,
            string.Create(Inv, $"Little's law: 10 000 rps × 0.02 s = {theory} threads minimum; memory = threads × per-thread cost"),
            verdict, why, table, charts, TimeSpan.Zero)
        {
            Rule = "on the real clock, the theory's minimum pool keeps up: Avg rate within 1% of 10 000/s and p99 overhead below the 20 ms hold (the virtual clock keeps up at exactly the theory's count by construction, so it cannot decide)",
        };
    }

    /// <summary>A pool measured on the real clock, as the verdict needs it.</summary>
    internal readonly record struct PoolFigures(int Threads, double Rate, double? P99Ms, bool KeptUp);

    /// <summary>The verdict: the theory's minimum against what the clocks showed; <paramref name="real"/> is null when only the virtual clock ran.</summary>
    internal static (Verdict Verdict, string Why) Judge(int theory, int? firstVirtualKeptUp, IReadOnlyList<PoolFigures>? real)
    {
        string simulator = firstVirtualKeptUp == theory
            ? $"the virtual clock keeps up from the theory's {theory} threads, as it must (it has no machine to run out of)"
            : $"the virtual clock keeps up from {(firstVirtualKeptUp is { } v ? $"{v}" : "none of the swept pools")}, not the theory's {theory}: the simulator and the theory disagree";
        if (real is not { Count: > 0 })
        {
            return (Verdict.NotRun, $"{simulator}; only the real clock can test the claim, run reproduce without --virtual-only");
        }

        PoolFigures? atTheory = real.Cast<PoolFigures?>().FirstOrDefault(p => p!.Value.Threads == theory);
        string sentence = real.Count > 1 ? "; " + ComparePools(real[0], real[^1]) : "";
        if (atTheory is not { } t)
        {
            return (Verdict.NotRun, $"{simulator}; the real clock did not run the theory's {theory} threads{sentence}");
        }

        string measured = string.Create(Inv, $"on the real clock {t.Threads} threads reached {t.Rate:0.0}/s with a p99 overhead of {(t.P99Ms is { } p ? p.ToString("0.#", Inv) + " ms" : "none (no successes)")}");
        return t.KeptUp
            ? (Verdict.Matches, $"{measured}: they kept up, as Little's law says; {simulator}{sentence}")
            : (Verdict.Differs, $"{measured}: they did not keep up, so on {Environment.ProcessorCount} cores the real minimum is above Little's {theory}; {simulator}{sentence}");
    }

    /// <summary>A sentence comparing a smaller and a larger real pool that follows from their figures.</summary>
    internal static string ComparePools(PoolFigures smaller, PoolFigures larger)
    {
        // A rate counts as higher when it gains more than 1% of the offered 10 000/s, a tail as
        // shorter when its p99 is at least 10% lower.
        bool higherRate = larger.Rate - smaller.Rate > 0.01 * 10_000;
        bool shorterTail = larger.P99Ms is { } l && (smaller.P99Ms is not { } s || l < 0.9 * s);
        string figures = string.Create(Inv, $"{larger.Threads} threads: {larger.Rate:0.0}/s, p99 {Ms(larger.P99Ms)}; {smaller.Threads} threads: {smaller.Rate:0.0}/s, p99 {Ms(smaller.P99Ms)}");
        return (higherRate, shorterTail) switch
        {
            (true, true) => $"more threads helped, in rate and tail ({figures}): a real call holds its thread longer than the 20 ms the theory counts",
            (true, false) => $"more threads raised the rate but not the tail ({figures})",
            (false, true) => $"more threads shortened the tail at about the same rate ({figures})",
            _ => $"{larger.Threads} threads were no better than {smaller.Threads} ({figures}): the machine, not the pool, is the limit at this rate",
        };
    }

    private static string Ms(double? ms) => ms is { } v ? v.ToString("0.#", Inv) + " ms" : "none";

    private static PoolFigures Pool(SweepPoint p) =>
        new((int)p.Value, p.Result.Statistics.Rate.Average, p.Result.Statistics.OverheadMsAt(99), SweepResult.KeptUp(p));

    private static void AddRows(List<IReadOnlyList<string>> table, SweepResult sweep)
    {
        foreach (SweepPoint p in sweep.Points)
        {
            table.Add([p.Label, Clock(p.Result.Scenario.Clock), p.Result.Statistics.Rate.Average.ToString("0.0", Inv), $"{OverheadText(p.Result, 99)} ms",
                p.ResidentBytes is { } r ? Units.Bytes(r) : "", p.VirtualBytes is { } v ? Units.Bytes(v) : "", SweepResult.KeptUp(p) ? "yes" : "no"]);
        }
    }
}
