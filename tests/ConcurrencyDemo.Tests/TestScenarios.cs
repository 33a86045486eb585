using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests;

/// <summary>Builds scenarios for tests the way the command line does.</summary>
internal static class TestScenarios
{
    public static Scenario Build(
        double rate,
        long requests,
        string latency,
        int? threads = null,
        ClockKind clock = ClockKind.Virtual,
        string? timeout = null,
        string name = "test",
        ArrivalPattern arrivals = ArrivalPattern.Uniform,
        int seed = 0) =>
        Builder(rate, requests, latency, threads, clock, timeout, name, arrivals, seed).Build();

    /// <summary>The builder behind <see cref="Build"/>, for a test that sets more options before building.</summary>
    public static ScenarioBuilder Builder(
        double rate,
        long requests,
        string latency,
        int? threads = null,
        ClockKind clock = ClockKind.Virtual,
        string? timeout = null,
        string name = "test",
        ArrivalPattern arrivals = ArrivalPattern.Uniform,
        int seed = 0) =>
        new()
        {
            Name = name,
            Rate = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RequestCount = requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Latency = latency,
            Engine = threads is null ? EngineKind.Async : EngineKind.Sync,
            Threads = threads?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Clock = clock,
            Timeout = timeout,
            Arrivals = arrivals,
            Seed = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
