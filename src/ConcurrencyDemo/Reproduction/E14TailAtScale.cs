using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// E14, the tail at scale (Dean and Barroso, CACM 2013): a request that fans out to K calls meets the
/// slowest; with 1 % of calls slow, K = 100 makes 63 % of requests slow, and 1 in 10 000 at K = 2000 makes 18 %.
/// Then the same 1 % curve with each call hedged after 50 ms: a call is slow only when its hedge is too,
/// p², so the share falls to 1 − (1 − p²)^K for about p (1 %) more calls.
/// </summary>
internal sealed class E14TailAtScale : IExperiment
{
    private static readonly double[] s_probabilities = [0.01, 0.0001];
    private static readonly TimeSpan s_hedgeAfter = TimeSpan.FromMilliseconds(50);

    public string Id => "E14";

    public string What => "tail at scale: slow requests vs fan-out K";

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        long requests = context.Options.Quick || context.Options.VirtualOnly ? 10_000 : 20_000;
        Scenario baseline = Build("E14_fanout", 10_000, requests, FanoutSweepCommandLatency, 0, ClockKind.Virtual);
        var call = (MixedLatency)baseline.EndpointDistributions[0];
        Scenario hedgedBaseline = baseline with { Mitigations = MitigationSettings.None with { HedgeAfter = s_hedgeAfter } };
        IReadOnlyList<FanoutSweepPoint> points =
        [
            .. FanoutSweep.Run(FanoutSweep.Plan(baseline, call, FanoutSweep.DefaultFanouts, s_probabilities), null, cancellationToken),
            .. FanoutSweep.Run(FanoutSweep.Plan(hedgedBaseline, call, FanoutSweep.DefaultFanouts, [0.01]), null, cancellationToken),
        ];

        var table = new List<IReadOnlyList<string>> { new[] { "slow calls p", "each call hedged", "K", "requests", "slow requests (simulated)", "closed form", "extra calls" } };
        foreach (FanoutSweepPoint p in points)
        {
            table.Add(
            [
                Percent(p.SlowProbability),
                p.HedgeAfter is { } h ? "after " + Units.ShortDuration(h) : "no",
                p.Fanout.ToString(Inv),
                p.Result!.Statistics.Sent.ToString(Inv),
                Percent(p.MeasuredShare!.Value),
                Percent(p.ClosedForm),
                p.HedgeAfter is null ? "" : string.Create(Inv, $"{p.Result.MitigationCounters?.ExtraLoadPercent ?? 0:0.##} %"),
            ]);
        }

        FanoutSweepPoint hedged100 = points.Single(p => p.HedgeAfter is not null && p.Fanout == 100);

        FanoutSweepPoint at100 = points.Single(p => p.SlowProbability == 0.01 && p.Fanout == 100 && p.HedgeAfter is null);
        FanoutSweepPoint at2000 = points.Single(p => p.SlowProbability == 0.0001 && p.Fanout == 2000);
        string ours = $"simulated: {Percent(at100.MeasuredShare!.Value)} of requests slow at 1 % and K = 100, {Percent(at2000.MeasuredShare!.Value)} at 1 in 10 000 and K = 2000; with each call hedged after {Units.ShortDuration(s_hedgeAfter)}, {Percent(hedged100.MeasuredShare!.Value)} at 1 % and K = 100 for {hedged100.Result!.MitigationCounters?.ExtraLoadPercent ?? 0:0.##} % more calls ({requests} requests per point, virtual clock)";
        (Verdict verdict, string why) = Judge(points);
        string subtitle = $"async, {requests} requests per point, calls 10 ms or 1 s (slow), virtual clock";
        var charts = new List<ExperimentChart>
        {
            new("E14: share of slow requests against the fan-out K, simulated (points) beside 1 − (1 − p)^K (dashed); with each call hedged after 50 ms, beside 1 − (1 − p²)^K (dotted)", FanoutSweepChart.Render(points, subtitle)),
        };
        return new ExperimentResult("E14", "The tail at scale: fan-out meets the slowest call", [
                $"concurrency-demo-benchmarks --num_req {requests} --latency \"{FanoutSweepCommandLatency}\" sweep --parameter fanout --slow 1%,0.01%",
                $"concurrency-demo-benchmarks --num_req {requests} --latency \"{FanoutSweepCommandLatency}\" --hedge-after {Units.ShortDuration(s_hedgeAfter)} sweep --parameter fanout --slow 1%",
            ],
            "Dean & Barroso (CACM 2013): 1 % of calls slow, K = 100 → 63 % of requests slow; 1 in 10 000, K = 2000 → 18 %; hedged requests cut BigTable's 99.9th percentile from 1 800 ms to 74 ms for 2 % more requests", ours,
            $"1 − (1 − p)^K: {Percent(at100.ClosedForm)} and {Percent(at2000.ClosedForm)}; each call hedged after 50 ms (past the 10 ms fast calls, before the 1 s slow ones) is slow only when its hedge is too: 1 − (1 − p²)^K = {Percent(hedged100.ClosedForm)} at 1 % and K = 100, for p = 1 % more calls",
            verdict, why, table, charts, TimeSpan.Zero)
        {
            Rule = "every simulated share within 4 binomial standard deviations (√(c(1 − c)/n), plus 1/n) of the closed form c",
        };
    }

    private const string FanoutSweepCommandLatency = "mix(10ms,1s@1%)";

    /// <summary>Matches when every point is within 4 binomial standard deviations of the closed form.</summary>
    internal static (Verdict Verdict, string Why) Judge(IReadOnlyList<FanoutSweepPoint> points)
    {
        var outside = points.Where(p =>
        {
            double n = p.Result!.Statistics.Sent;
            double c = p.ClosedForm;
            return Math.Abs(p.MeasuredShare!.Value - c) > (4 * Math.Sqrt(c * (1 - c) / n)) + (1 / n);
        }).ToList();
        return outside.Count == 0
            ? (Verdict.Matches, $"all {points.Count} simulated shares are within 4 standard deviations of their closed form (1 − (1 − p)^K, hedged 1 − (1 − p²)^K), and the article's two figures come out as it says")
            : (Verdict.Differs, $"{outside.Count} of {points.Count} points are further than 4 standard deviations from the closed form, e.g. p = {Percent(outside[0].SlowProbability)}, K = {outside[0].Fanout}: {Percent(outside[0].MeasuredShare!.Value)} vs {Percent(outside[0].ClosedForm)}");
    }

    private static string Percent(double share) => (share * 100).ToString("0.##", Inv) + " %";
}
