using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>E4: the collapse in slow motion (200 ms latencies, 500 threads): the tail shoots up, the median follows.</summary>
internal sealed class E4SlowMotion : IExperiment
{
    /// <summary>Overhead that counts as "shot up".</summary>
    private const double UpMs = 1000;

    /// <summary>The median must pass <see cref="UpMs"/> within this many seconds of the p99.</summary>
    private const double FollowSeconds = 10;

    public string Id => "E4";

    public string What => "1000 rps, 200ms*9,30s, sync 500 (slow motion)";

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        RunResult sync = ExperimentRuns.Run(Build("E4_sync_slo_mo", 1000, 10_000, "200ms*9,30s", 500, ClockKind.Virtual), cancellationToken);
        IReadOnlyList<TimelinePoint> timeline = sync.Statistics.Timeline;
        double? p99Up = timeline.FirstOrDefault(t => t.P99Ms > UpMs) is { Count: > 0 } a ? a.FromSecond : null;
        double? p50Up = timeline.FirstOrDefault(t => t.P50Ms > UpMs) is { Count: > 0 } b ? b.FromSecond : null;
        double rate = sync.Statistics.Rate.Average;
        string ours = $"virtual clock: p99 overhead passes 1 s at t = {Seconds(p99Up)}, p50 at t = {Seconds(p50Up)}; peak p99 {timeline.Select(t => t.P99Ms).DefaultIfEmpty(0).Max() / 1000:0.#} s; {RateText(sync)}";
        ScenarioTheory theory = ScenarioTheory.For(sync.Scenario);
        bool follows = p99Up is not null && p50Up is not null && p50Up - p99Up <= FollowSeconds;
        bool rateAsExpected = theory.ShortRunUpperRate is { } upper
            ? rate >= theory.ExpectedSuccessRate * 0.99 && rate <= upper * 1.01
            : Close(rate, theory.ExpectedSuccessRate, 0.05);
        string why = (follows
                ? "the tail shoots up first and the median follows within seconds, as the article's timeline shows"
                : string.Create(Inv, $"the median did not follow the tail within {FollowSeconds:0} s"))
            + (rateAsExpected
                ? string.Create(Inv, $"; the Avg rate {rate:0.#} lies in the theory's range for a run this short")
                : string.Create(Inv, $"; the Avg rate {rate:0.#} is outside the theory's range"));
        string theoryText = string.Create(Inv, $"mean hold {theory.MeanHold.TotalSeconds:0.###} s → capacity 500 / {theory.MeanHold.TotalSeconds:0.###} = {theory.CapacityPerSecond:0.#} rps < 1000 rps: the queue grows ~{theory.QueueGrowthPerSecond:0} requests/s, so every percentile must grow; steady state {theory.ExpectedSuccessRate:0.#} successes/s");
        if (theory.ShortRunUpperRate is { } up)
        {
            theoryText += string.Create(Inv, $", but the run is too short for it (500 threads × 30 s can still hold {theory.HeldThreadSeconds / theory.WorkThreadSeconds:0%} of its work when the last request starts): expect {theory.ExpectedSuccessRate:0.#}–{up:0.#}/s");
        }

        var charts = new List<ExperimentChart>
        {
            new("E4: latency overhead over time (p50, p90, p99), sync 500 threads, virtual clock", ChartRenderer.Png(ChartRenderer.Build(ChartKind.Timeline, sync))),
        };
        return new ExperimentResult("E4", "Slow motion: 200 ms latencies, 500 threads", [CommandText.For(sync.Scenario)],
            "timeline: tail latency shoots up, p50 catches up very soon", ours, theoryText,
            follows && rateAsExpected ? Verdict.Matches : Verdict.Differs, why, [], charts, TimeSpan.Zero)
        {
            Rule = string.Create(Inv, $"p50 passes {UpMs / 1000:0} s overhead within {FollowSeconds:0} s of the p99, and the Avg rate lies in the theory's range (±1%)"),
        };
    }

    private static string Seconds(double? s) => s is { } v ? string.Create(Inv, $"{v:0} s") : "never";
}
