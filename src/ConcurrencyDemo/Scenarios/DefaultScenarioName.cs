using System.Globalization;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// The name a scenario gets when none is given: every parameter that can differ between two runs
/// (mode, rate, requests, latency; timeout, clock, arrivals, seed, modelled costs and transport when
/// not the default), so that two different runs never write the same files.
/// </summary>
internal static class DefaultScenarioName
{
    // Names longer than this get a short digest of the latency list instead of the list itself.
    private const int MaxLatencyPart = 40;

    public static string For(Scenario s)
    {
        var parts = new List<string>
        {
            s.Engine switch
            {
                EngineKind.Sync => $"sync{s.Threads}",
                EngineKind.ThreadPool => $"threadpool-{s.Pool!.Block.ToString().ToLowerInvariant()}",
                _ => "async",
            },
            s.HasRate ? string.Create(CultureInfo.InvariantCulture, $"{s.RatePerSecond:0.###}rps") : "norate",
            s.Duration is TimeSpan sending ? $"for{Units.ShortDuration(sending)}" : string.Create(CultureInfo.InvariantCulture, $"{s.RequestCount}req"),
            Latency(s),
        };
        if (s.Timeout != Scenario.DefaultTimeout)
        {
            parts.Add($"timeout{Units.ShortDuration(s.Timeout)}");
        }

        if (s.Clock == ClockKind.Virtual)
        {
            parts.Add("virtual");
        }

        if (s.Arrivals == ArrivalPattern.Poisson)
        {
            parts.Add("poisson");
        }

        if (s.Arrivals == ArrivalPattern.Closed)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"closed{s.Connections}"));
        }

        if (s.Seed != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"seed{s.Seed}"));
        }

        if (s.Costs.CpuPerRequest > TimeSpan.Zero)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"cpu{Units.ShortDuration(s.Costs.CpuPerRequest)}x{s.Costs.Cores}"));
        }

        if (s.Costs.DispatchCost > TimeSpan.Zero)
        {
            parts.Add($"dispatch{Units.ShortDuration(s.Costs.DispatchCost)}");
        }

        if (s.Transport == TransportKind.Http)
        {
            parts.Add(s.Upstreams.Count > 0 ? "upstream" : "http");
        }

        if (s.Timer == TimerKind.Dotnet)
        {
            parts.Add("dotnet-timer");
        }

        if (s.Mitigations.Balancer != Mitigations.BalancerKind.RoundRobin)
        {
            parts.Add(Mitigations.MitigationParser.Name(s.Mitigations.Balancer));
        }

        if (s.Mitigations.Ejection is not null)
        {
            parts.Add("eject");
        }

        if (s.Mitigations.Breaker is not null)
        {
            parts.Add("breaker");
        }

        if (s.Mitigations.Bulkhead is { } bulkhead)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"bulkhead{bulkhead}"));
        }

        if (s.UpstreamCapacity is { } capacity)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"cap{capacity}"));
        }

        if (s.Mitigations.Retries > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"retries{s.Mitigations.Retries}"));
        }

        if (s.Mitigations.RetryBudget is { } budget)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"budget{budget.Percent:0.###}pct"));
        }

        if (s.Mitigations.HedgeAfter is { } after)
        {
            parts.Add("hedge" + Units.ShortDuration(after));
        }

        return string.Join('_', parts);
    }

    /// <summary>
    /// <c>20ms*9,30s</c> becomes <c>20msx9-30s</c>: '*' and ',' are not safe in file names; so do a
    /// distribution's brackets, a fan-out and slowdown windows (<c>exp-20msx10-fanout10-slowdown0-2sat1-2</c>).
    /// </summary>
    private static string Latency(Scenario s)
    {
        IReadOnlyList<TimeSpan> latencies = s.EndpointLatencies;
        string text = Units.Upstreams(s).Replace(", ", ",").Replace(' ', '-').Replace('*', 'x').Replace(',', '-').Replace('(', '-').Replace(")", "")
            .Replace("=", "-").Replace("@", "at").Replace("%", "pct").Replace("/", "of");
        if (text.Length <= MaxLatencyPart)
        {
            return text;
        }

        // FNV-1a: a stable digest, the same in every process (string.GetHashCode is randomised).
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{latencies.Count}endpoints-{hash:x8}");
    }
}
