using BenchmarkDotNet.Attributes;
using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// The simulator's speed with the policy on (balancer, ejection, breaker, bulkhead, retries, hedging), against the same
/// scenario without it: E3 with a 1 s timeout, 1 M requests. Divide RequestCount by the mean time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class MitigatedSimulatorBenchmarks
{
    public const long RequestCount = 1_000_000;

    [Params(EngineKind.Sync, EngineKind.Async)]
    public EngineKind Engine { get; set; }

    [Params("none", "p2c+eject", "least-outstanding+eject", "retries+budget", "hedge", "breaker", "breaker-polly", "all", "all-polly")]
    public string Mitigation { get; set; } = "none";

    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        Scenario scenario = new ScenarioBuilder
        {
            Name = "bench",
            Rate = "100000",
            RequestCount = RequestCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Latency = "20ms*9,30s",
            Timeout = "1s",
            Engine = Engine,
            Threads = Engine == EngineKind.Sync ? "500" : null,
            Clock = ClockKind.Virtual,
        }.Build();
        _scenario = Mitigation switch
        {
            "p2c+eject" => scenario with { Mitigations = new MitigationSettings(BalancerKind.PowerOfTwoChoices, EjectionSettings.Default) },
            "least-outstanding+eject" => scenario with { Mitigations = new MitigationSettings(BalancerKind.LeastOutstanding, EjectionSettings.Default) },
            "retries+budget" => scenario with { Mitigations = MitigationSettings.None with { Retries = 2, RetryBudget = RetryBudgetSettings.Share(20) } },
            "hedge" => scenario with { Mitigations = MitigationSettings.None with { HedgeAfter = TimeSpan.FromMilliseconds(50) } },
            "breaker" => scenario with { Mitigations = MitigationSettings.None with { Breaker = BreakerSettings.Default } },
            // Polly's own breaker driven call by call (PollyCircuitBreaker), against the hand-written one (issue 14).
            "breaker-polly" => scenario with { Mitigations = MitigationSettings.None with { Breaker = BreakerSettings.Default with { DrivePolly = true } } },
            // Every mitigation at once.
            "all" or "all-polly" => scenario with
            {
                Mitigations = new MitigationSettings(BalancerKind.PowerOfTwoChoices, EjectionSettings.Default)
                {
                    Breaker = BreakerSettings.Default with { DrivePolly = Mitigation == "all-polly" },
                    Bulkhead = 100,
                    Retries = 2,
                    RetryBudget = RetryBudgetSettings.Share(20),
                    HedgeAfter = TimeSpan.FromMilliseconds(50),
                },
            },
            _ => scenario,
        };
    }

    [Benchmark]
    public long Simulate() => new ScenarioRun(_scenario).Run(CancellationToken.None).Statistics.Successes;
}
