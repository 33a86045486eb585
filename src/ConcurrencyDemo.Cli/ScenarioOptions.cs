using System.CommandLine;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>Fills a <see cref="ScenarioBuilder"/> from the global options, so every command reads them the same way.</summary>
internal static class ScenarioOptions
{
    /// <summary>
    /// The builder for <paramref name="engine"/>. Commands other than sync/async may supply defaults
    /// for options the user left out; <paramref name="defaultClock"/> applies when --clock was not given.
    /// </summary>
    public static ScenarioBuilder Builder(
        CliOptions options,
        ParseResult parse,
        EngineKind engine,
        string? threads,
        string? defaultRate = null,
        string? defaultCount = null,
        string? defaultLatency = null,
        ClockKind? defaultClock = null)
    {
        bool clockGiven = parse.GetResult(options.Clock) is { Implicit: false };
        return new ScenarioBuilder
        {
            Name = parse.GetValue(options.Name),
            Rate = parse.GetValue(options.Rate) ?? defaultRate,
            RequestCount = parse.GetValue(options.RequestCount) ?? defaultCount,
            Latency = parse.GetValue(options.Latency) ?? defaultLatency,
            Timeout = parse.GetValue(options.Timeout),
            Engine = engine,
            Threads = engine == EngineKind.Sync ? threads : null,
            Clock = clockGiven || defaultClock is null ? parse.GetValue(options.Clock) : defaultClock.Value,
            Arrivals = parse.GetValue(options.Arrivals),
            Connections = parse.GetValue(options.Connections),
            Duration = parse.GetValue(options.Duration),
            Seed = parse.GetValue(options.Seed),
            CpuPerRequest = parse.GetValue(options.CpuPerRequest),
            Cores = parse.GetValue(options.Cores),
            DispatchCost = parse.GetValue(options.DispatchCost),
            // Null when not typed, so that --upstream alone can imply http but contradicts an explicit model.
            Transport = parse.GetResult(options.Transport) is { Implicit: false } ? parse.GetValue(options.Transport) : null,
            Upstream = parse.GetValue(options.Upstream),
            Slowdowns = parse.GetValue(options.Slowdown),
            Fanout = parse.GetValue(options.Fanout),
            Balancer = parse.GetValue(options.Balancer),
            // Given without a value: Envoy's defaults.
            Eject = parse.GetResult(options.Eject) is { Implicit: false } ? parse.GetValue(options.Eject) ?? "" : null,
            Breaker = parse.GetResult(options.Breaker) is { Implicit: false } ? parse.GetValue(options.Breaker) ?? "" : null,
            Bulkhead = parse.GetValue(options.Bulkhead),
            Retries = parse.GetValue(options.Retries),
            UpstreamCapacity = parse.GetValue(options.UpstreamCapacity),
            RetryBudget = parse.GetValue(options.RetryBudget),
            HedgeAfter = parse.GetValue(options.HedgeAfter),
            Timer = parse.GetResult(options.Timer) is { Implicit: false } ? parse.GetValue(options.Timer) : null,
        };
    }
}
