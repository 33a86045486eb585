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
        bool matches = firstVirtualKeptUp == theory;
        string why = matches ? $"on the virtual clock the smallest swept pool that kept up is the theory's {theory}" : "on the virtual clock the smallest pool that kept up is not the theory's minimum";
        if (real is { Count: > 0 })
        {
            why += "; on the real clock " + ComparePools(real[0], real[^1]);
        }

        return (matches ? Verdict.Matches : Verdict.Differs, why);
    }

    /// <summary>A sentence comparing a smaller and a larger real pool that follows from their figures.</summary>
    internal static string ComparePools(PoolFigures smaller, PoolFigures larger)
    {
        bool better = (larger.P99Ms ?? double.MaxValue) < (smaller.P99Ms ?? double.MaxValue);
        return better
            ? "more threads helped: a real call holds its thread longer than 20 ms (sleep overshoot, scheduling), so the real minimum is above the theory's"
            : $"more threads did not help ({larger.Threads} threads were no better than {smaller.Threads}), so on {Environment.ProcessorCount} cores the machine, not the pool, is the limit at this rate";
    }

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
