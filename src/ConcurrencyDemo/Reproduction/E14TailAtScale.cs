using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// E14, the tail at scale (Dean and Barroso, CACM 2013): a request that fans out to K calls meets the
/// slowest; with 1 % of calls slow, K = 100 makes 63 % of requests slow, and 1 in 10 000 at K = 2000 makes 18 %.
/// </summary>
internal sealed class E14TailAtScale : IExperiment
{
    private static readonly double[] s_probabilities = [0.01, 0.0001];

    public string Id => "E14";

    public string What => "tail at scale: slow requests vs fan-out K";

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        long requests = context.Options.Quick || context.Options.VirtualOnly ? 10_000 : 20_000;
        Scenario baseline = Build("E14_fanout", 10_000, requests, FanoutSweepCommandLatency, 0, ClockKind.Virtual);
        var call = (MixedLatency)baseline.EndpointDistributions[0];
        IReadOnlyList<FanoutSweepPoint> points = FanoutSweep.Run(FanoutSweep.Plan(baseline, call, FanoutSweep.DefaultFanouts, s_probabilities), null, cancellationToken);

        var table = new List<IReadOnlyList<string>> { new[] { "slow calls p", "K", "requests", "slow requests (simulated)", "1 − (1 − p)^K" } };
        foreach (FanoutSweepPoint p in points)
        {
            table.Add([Percent(p.SlowProbability), p.Fanout.ToString(Inv), p.Result!.Statistics.Sent.ToString(Inv), Percent(p.MeasuredShare!.Value), Percent(p.ClosedForm)]);
        }

        FanoutSweepPoint at100 = points.Single(p => p.SlowProbability == 0.01 && p.Fanout == 100);
        FanoutSweepPoint at2000 = points.Single(p => p.SlowProbability == 0.0001 && p.Fanout == 2000);
        string ours = $"simulated: {Percent(at100.MeasuredShare!.Value)} of requests slow at 1 % and K = 100, {Percent(at2000.MeasuredShare!.Value)} at 1 in 10 000 and K = 2000 ({requests} requests per point, virtual clock)";
        (Verdict verdict, string why) = Judge(points);
        string subtitle = $"async, {requests} requests per point, calls 10 ms or 1 s (slow), virtual clock";
        var charts = new List<ExperimentChart>
        {
            new("E14: share of slow requests against the fan-out K, simulated (points) beside 1 − (1 − p)^K (dashed)", FanoutSweepChart.Render(points, subtitle)),
        };
        return new ExperimentResult("E14", "The tail at scale: fan-out meets the slowest call", [
                $"concurrency-demo-benchmarks --num_req {requests} --latency \"{FanoutSweepCommandLatency}\" sweep --parameter fanout --slow 1%,0.01%",
            ],
            "Dean & Barroso (CACM 2013): 1 % of calls slow, K = 100 → 63 % of requests slow; 1 in 10 000, K = 2000 → 18 %", ours,
            $"1 − (1 − p)^K: {Percent(at100.ClosedForm)} and {Percent(at2000.ClosedForm)}",
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
            ? (Verdict.Matches, $"all {points.Count} simulated shares are within 4 standard deviations of 1 − (1 − p)^K, and the article's two figures come out as it says")
            : (Verdict.Differs, $"{outside.Count} of {points.Count} points are further than 4 standard deviations from the closed form, e.g. p = {Percent(outside[0].SlowProbability)}, K = {outside[0].Fanout}: {Percent(outside[0].MeasuredShare!.Value)} vs {Percent(outside[0].ClosedForm)}");
    }

    private static string Percent(double share) => (share * 100).ToString("0.##", Inv) + " %";
}
