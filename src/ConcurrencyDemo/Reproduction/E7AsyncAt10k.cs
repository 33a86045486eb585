using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>E7: async at 10 000 rps keeps its rate and a small footprint.</summary>
internal sealed class E7AsyncAt10k : IExperiment
{
    public string Id => "E7";

    public string What => "async at 10 000 rps";

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        ReproductionOptions options = context.Options;
        ClockKind clock = options.VirtualOnly ? ClockKind.Virtual : ClockKind.Real;
        long n = options.VirtualOnly ? 100_000 : options.E7Requests;
        RunResult async = ExperimentRuns.Run(Build("E7_async_10k_20ms", 10_000, n, "20ms*10", 0, clock), cancellationToken);
        RateSummary rate = async.Statistics.Rate;
        string memory = async.Machine is { } m ? $"; peak RSS of the process {Units.Bytes(m.PeakResidentBytes)}" : "";
        string ours = $"{Clock(clock)}: {RateText(async)}; p99 overhead {OverheadText(async, 99)} ms, p100 {OverheadText(async, 100)} ms{memory}";
        bool stable = Close(rate.Average, 10_000, RatePairExperiment.RateTolerance) && rate.StdDev < 0.02 * 10_000;
        string why = stable ? "the rate holds at 10 000/s with a small spread" : "the rate did not hold at 10 000/s on this machine";
        if (async.Machine is { } mm)
        {
            why += mm.PeakResidentBytes > 4 * ArticleFigures.AsyncAt10kRpsBytes
                ? $"; peak RSS {Units.Bytes(mm.PeakResidentBytes)} is well above the article's ~0.03 GB: a .NET process (runtime, JIT, GC heaps) starts larger than a Rust one"
                : $"; peak RSS {Units.Bytes(mm.PeakResidentBytes)} is the same order as the article's ~0.03 GB";
        }

        var charts = new List<ExperimentChart>
        {
            new($"E7: throughput (left) and overhead by percentile (right), async 10 000 rps, {Clock(clock)}",
                ChartComposer.SideBySide(ChartRenderer.Png(ChartRenderer.Build(ChartKind.RequestRate, async)), ChartRenderer.Png(ChartRenderer.Build(ChartKind.Percentiles, async)))),
        };
        return new ExperimentResult("E7", "Async at 10 000 rps", [CommandText.For(async.Scenario)],
            "stable rate and latency, ~0.03 GB", ours, "async holds no thread: expect 10 000 successes/s at any rate the timers and the CPU can serve",
            stable ? Verdict.Matches : Verdict.Differs, why, [], charts, TimeSpan.Zero)
        {
            Rule = "matches when the Avg rate is within 2% of 10 000/s with a StdDev below 2% of it",
        };
    }
}
