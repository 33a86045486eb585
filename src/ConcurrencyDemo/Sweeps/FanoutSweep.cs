using System.Globalization;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Sweeps;

/// <summary>
/// The tail at scale (Dean and Barroso, CACM 2013): the share of slow requests against the fan-out K,
/// one curve per probability that a call is slow, each simulated beside its closed form 1 − (1 − p)^K.
/// </summary>
/// <remarks>
/// Every endpoint is <c>mix(FAST,SLOW@p)</c>. The timeout is set to SLOW, so a call that draws SLOW
/// fails and holds for exactly as long as a slow answer: a request is slow when it waited for a slow
/// call, and the slow requests are counted as its timeouts. The async engine queues nothing, so the
/// share is the fan-out's alone.
/// </remarks>
public static class FanoutSweep
{
    /// <summary>K from 1 to 2000, about evenly on a log scale.</summary>
    public static readonly IReadOnlyList<int> DefaultFanouts = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];

    /// <summary>1 %, 0.1 % and 0.01 % of calls slow: the article's two figures and one between.</summary>
    public static readonly IReadOnlyList<double> DefaultSlowProbabilities = [0.01, 0.001, 0.0001];

    /// <summary>The form <c>--latency</c> takes for a fan-out sweep.</summary>
    public const string LatencyForm = "mix(FAST,SLOW@P%), e.g. mix(10ms,1s@1%)";

    /// <summary>
    /// One scenario per (probability, K), from <paramref name="baseline"/> (its rate, requests, seed,
    /// engine and clock) with every endpoint <c>mix(fast,slow@p)</c>; as many endpoints as the largest K.
    /// </summary>
    public static IReadOnlyList<FanoutSweepPoint> Plan(Scenario baseline, MixedLatency call, IReadOnlyList<int> fanouts, IReadOnlyList<double> probabilities)
    {
        int endpoints = fanouts.Max();
        var points = new List<FanoutSweepPoint>();
        foreach (double p in probabilities)
        {
            MixedLatency mix = call with { SlowProbability = p };
            foreach (int k in fanouts)
            {
                Scenario scenario = baseline with
                {
                    Name = string.Create(CultureInfo.InvariantCulture, $"{baseline.Name}_p{p * 100:0.####}pct_k{k}"),
                    EndpointLatencies = [.. Enumerable.Repeat(mix.Mean, endpoints)],
                    EndpointDistributions = [.. Enumerable.Repeat<LatencyDistribution>(mix, endpoints)],
                    Timeout = call.Slow,
                    Fanout = new Fanout(k, k),
                };
                bool hedged = baseline.Mitigations.HedgeAfter is not null;
                points.Add(new FanoutSweepPoint(p, k, scenario, FanoutTheory.SlowShare(FanoutTheory.SlowCallProbability(p, hedged), k, k), null));
            }
        }

        return points;
    }

    /// <summary>Parses <c>--values</c> for a fan-out sweep: whole numbers K from 1 to 100 000.</summary>
    public static IReadOnlyList<int> ParseFanouts(string? text, List<string> problems)
    {
        if (text is null)
        {
            return DefaultFanouts;
        }

        var ks = new List<int>();
        foreach (string raw in text.Split(','))
        {
            if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k is >= 1 and <= LatencyListParser.MaxEndpoints)
            {
                ks.Add(k);
            }
            else
            {
                problems.Add($"--values: \"{raw.Trim()}\" is not a fan-out — expected whole numbers K from 1 to {LatencyListParser.MaxEndpoints}, e.g. 1,10,100,1000,2000");
            }
        }

        return ks;
    }

    /// <summary>Parses <c>--slow</c>: percentages above 0 and at most 100, one curve each.</summary>
    public static IReadOnlyList<double> ParseProbabilities(string? text, List<string> problems)
    {
        if (text is null)
        {
            return DefaultSlowProbabilities;
        }

        var ps = new List<double>();
        foreach (string raw in text.Split(','))
        {
            string item = raw.Trim();
            if (item.EndsWith('%')
                && double.TryParse(item[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double percent)
                && percent is > 0 and <= 100)
            {
                ps.Add(percent / 100);
            }
            else
            {
                problems.Add($"--slow: \"{item}\" is not a percentage — expected shares of slow calls above 0% and at most 100%, e.g. 1%,0.01%");
            }
        }

        return ps;
    }

    /// <summary>The baseline's one endpoint, which must be <c>mix(FAST,SLOW@P%)</c>.</summary>
    public static MixedLatency? CallOf(Scenario baseline, List<string> problems)
    {
        if (baseline.EndpointDistributions is [MixedLatency mix])
        {
            return mix;
        }

        problems.Add($"--latency: a fan-out sweep takes one endpoint latency {LatencyForm} (the sweep repeats it K times) — expected --latency \"mix(10ms,1s@1%)\"");
        return null;
    }

    /// <summary>Runs every planned point in turn.</summary>
    public static IReadOnlyList<FanoutSweepPoint> Run(IReadOnlyList<FanoutSweepPoint> plan, Action<string>? progress, CancellationToken cancellationToken)
    {
        var done = new List<FanoutSweepPoint>(plan.Count);
        foreach (FanoutSweepPoint point in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"p = {point.SlowProbability * 100:0.####}%, K = {point.Fanout}"));
            RunResult result = new ScenarioRun(point.Scenario).Run(cancellationToken);
            done.Add(point with { Result = result });
        }

        return done;
    }
}
