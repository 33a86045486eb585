using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// An experiment of the article that compares sync and async Avg rates for one load (E1, E2, E5): on
/// the real clock where affordable, with the virtual clock beside it.
/// </summary>
internal abstract class RatePairExperiment : IExperiment
{
    /// <summary>Rates within this fraction of the article's count as the same figure.</summary>
    public const double RateTolerance = 0.02;

    public abstract string Id { get; }

    public abstract string What { get; }

    protected abstract string Title { get; }

    protected abstract double Rate { get; }

    protected abstract string Latency { get; }

    protected virtual int Threads => 50;

    protected abstract (double Sync, double SyncStd, double Async, double AsyncStd) Article { get; }

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        bool real = !context.Options.VirtualOnly;
        long n = real ? context.Options.RealRequestsAt(Rate) : 10_000;
        ClockKind clock = real ? ClockKind.Real : ClockKind.Virtual;
        (RunResult sync, RunResult async) = RunPair(Id, Rate, n, Latency, Threads, clock, cancellationToken);
        var commands = new List<string> { CommandText.For(sync.Scenario), CommandText.For(async.Scenario) };
        string ours = $"{Clock(clock)}: sync {RateText(sync)}, async {RateText(async)}; p99 overhead sync {OverheadText(sync, 99)} ms, async {OverheadText(async, 99)} ms";

        // On the real clock, also the virtual clock: the model without the machine's noise.
        if (real)
        {
            (RunResult vs, RunResult va) = RunPair(Id, Rate, 10_000, Latency, Threads, ClockKind.Virtual, cancellationToken);
            commands.Add(CommandText.For(vs.Scenario));
            commands.Add(CommandText.For(va.Scenario));
            ours += $". Virtual clock: sync {RateText(vs)}, async {RateText(va)}";
        }

        (double articleSync, double articleSyncStd, double articleAsync, double articleAsyncStd) = Article;
        string article = string.Create(Inv, $"sync {articleSync:0.000} / {articleSyncStd:0.000}, async {articleAsync:0.000} / {articleAsyncStd:0.000}");
        ScenarioTheory syncTheory = ScenarioTheory.For(sync.Scenario);
        string theory = string.Create(Inv, $"sync capacity {Threads} / {syncTheory.MeanHold.TotalSeconds:0.###} s = {syncTheory.CapacityPerSecond:0.#} rps → expect sync {syncTheory.ExpectedSuccessRate:0.#}, async {ScenarioTheory.For(async.Scenario).ExpectedSuccessRate:0.#} successes/s");

        bool syncClose = Close(sync.Statistics.Rate.Average, articleSync, RateTolerance);
        bool asyncClose = Close(async.Statistics.Rate.Average, articleAsync, RateTolerance);
        Verdict verdict = syncClose && asyncClose ? Verdict.Matches : Verdict.Differs;
        string why = verdict == Verdict.Matches
            ? "both average rates are within the tolerance of the article's"
            : $"{(syncClose ? "" : string.Create(Inv, $"sync {sync.Statistics.Rate.Average:0.0} vs {articleSync:0.0}; "))}{(asyncClose ? "" : string.Create(Inv, $"async {async.Statistics.Rate.Average:0.0} vs {articleAsync:0.0}; "))}" +
              (real ? $"short real-clock runs ({n} requests) on a shared machine; the rate window leaves out the partial first and last seconds" : "the virtual clock has no contention or timer granularity");
        why += Remark(sync, async, syncTheory);

        var charts = new List<ExperimentChart>
        {
            new($"{Id}: latency overhead by percentile, sync (left) vs async (right), {Clock(clock)}", ComparisonCharts.Render(ChartKind.Percentiles, sync, async)),
            new($"{Id}: successful requests per second, sync (left) vs async (right), {Clock(clock)}", ComparisonCharts.Render(ChartKind.RequestRate, sync, async)),
        };
        return new ExperimentResult(Id, Title, commands, article, ours, theory, verdict, why, [], charts, TimeSpan.Zero)
        {
            Rule = string.Create(Inv, $"matches when both Avg rates are within {RateTolerance:0%} of the article's"),
        };
    }

    /// <summary>A sentence this experiment adds after the verdict's reason, starting with "; "; empty by default.</summary>
    protected virtual string Remark(RunResult sync, RunResult async, ScenarioTheory syncTheory) => "";
}
