using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>E3: one upstream in ten is down (30 s timeouts); sync collapses, async keeps 90 %.</summary>
internal sealed class E3DeadUpstream : IExperiment
{
    public const double ArticleSync = 14.670;
    public const double ArticleAsync = 900;
    public const double ArticleFinishRatio = 100;

    /// <summary>How far the finish ratio may be from the article's ~100x to count as the same figure.</summary>
    public const double FinishRatioTolerance = 0.3;

    public string Id => "E3";

    public string What => "1000 rps, 20ms*9,30s, sync 50 vs async";

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        (RunResult sync, RunResult async) = RunPair("E3", 1000, 10_000, "20ms*9,30s", 50, ClockKind.Virtual, cancellationToken);
        var commands = new List<string> { CommandText.For(sync.Scenario), CommandText.For(async.Scenario) };
        double syncEnd = LastSuccessSecond(sync), asyncEnd = LastSuccessSecond(async);
        double finishRatio = syncEnd / Math.Max(asyncEnd, 1);
        double lastRatio = sync.Statistics.LastCompletion / async.Statistics.LastCompletion;
        string ours = string.Create(Inv, $"virtual clock: sync {RateText(sync)}, async {RateText(async)}; p100 overhead sync {(sync.Statistics.OverheadMsAt(100) ?? 0) / 1000:0.#} s, async {OverheadText(async, 100)} ms; last success at {syncEnd:0} s vs {asyncEnd:0} s ({finishRatio:0}x later); last completion, timeouts included, at {sync.Statistics.LastCompletion.TotalSeconds:0} s vs {async.Statistics.LastCompletion.TotalSeconds:0} s ({lastRatio:0}x later)");
        if (!context.Options.VirtualOnly && !context.Options.Quick)
        {
            // Sync on the real clock takes as long as the article says (~10 min), so only async runs for real.
            RunResult realAsync = ExperimentRuns.Run(Build("E3_async_real", 1000, 10_000, "20ms*9,30s", 0, ClockKind.Real), cancellationToken);
            commands.Add(CommandText.For(realAsync.Scenario));
            ours += string.Create(Inv, $". Real clock, async: {RateText(realAsync)}, p100 overhead {OverheadText(realAsync, 100)} ms");
        }

        (Verdict verdict, string why) = Judge(sync.Statistics.Rate.Average, async.Statistics.Rate.Average, finishRatio);
        ScenarioTheory s = ScenarioTheory.For(sync.Scenario);
        string theory = string.Create(Inv, $"mean hold (9 × 0.02 s + 30 s) / 10 = {s.MeanHold.TotalSeconds:0.###} s → sync capacity {s.CapacityPerSecond:0.##} rps × 0.9 success = {s.ExpectedSuccessRate:0.##}/s; async 1000 × 0.9 = {ScenarioTheory.For(async.Scenario).ExpectedSuccessRate:0}/s");
        var charts = new List<ExperimentChart>
        {
            new("E3: successful requests per second, sync (left) vs async (right), virtual clock", ComparisonCharts.Render(ChartKind.RequestRate, sync, async)),
            new("E3: latency overhead by percentile, sync (left) vs async (right), virtual clock", ComparisonCharts.Render(ChartKind.Percentiles, sync, async)),
        };
        return new ExperimentResult("E3", "10% of the upstreams are down (30 s timeouts)", commands,
            "sync 14.670 / 53.997, async 900.000 / 0.000; sync overhead reaches hundreds of seconds, async p100 ~2 ms; sync takes ~100x longer to finish",
            ours, theory, verdict, why, [], charts, TimeSpan.Zero)
        {
            Rule = string.Create(Inv, $"matches when the rates are within 5% (sync) and 2% (async) of the article's and sync's last success comes {ArticleFinishRatio:0}x ± {FinishRatioTolerance:0%} later than async's; same direction when the rates match and sync finishes more than 10x later"),
        };
    }

    /// <summary>The verdict from the measured rates and how many times later sync finished than async.</summary>
    internal static (Verdict Verdict, string Why) Judge(double syncRate, double asyncRate, double finishRatio)
    {
        bool rates = Close(syncRate, ArticleSync, 0.05) && Close(asyncRate, ArticleAsync, 0.02);
        bool longer = finishRatio > 10;
        bool sameRatio = Close(finishRatio, ArticleFinishRatio, FinishRatioTolerance);
        Verdict verdict = !rates || !longer ? Verdict.Differs : sameRatio ? Verdict.Matches : Verdict.SameDirection;
        string ratesText = rates
            ? string.Create(Inv, $"sync collapses to {syncRate:0.###} successes/s (the article {ArticleSync:0.###}) while async keeps {asyncRate:0}/s")
            : string.Create(Inv, $"rates are not within 5%/2% of the article's (sync {syncRate:0.###} vs {ArticleSync:0.###}, async {asyncRate:0.#} vs {ArticleAsync:0})");
        string ratioText = sameRatio
            ? string.Create(Inv, $"sync finishes {finishRatio:0}x later, as the article's ~100x")
            : string.Create(Inv, $"sync finishes {finishRatio:0}x later, not the article's ~100x: ours is the last second with a success in each run (async's last requests are timeouts, which only end the 30 s wait), while the article's ~100x is read off its rate charts by eye; the size of the gap depends on which end is taken, its direction does not");
        return (verdict, $"{ratesText}; {ratioText}");
    }

    // "Took longer to complete all requests": compared by the last second that still had a success,
    // since the async run's last completions are timeouts that only end the 30 s wait.
    private static double LastSuccessSecond(RunResult r) =>
        r.Statistics.RatePerSecond.Where(p => p.Successes > 0).Select(p => (double)p.Second + 1).DefaultIfEmpty(0).Max();
}
