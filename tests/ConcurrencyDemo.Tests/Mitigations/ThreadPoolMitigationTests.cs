using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>
/// Mitigations in the threadpool mode on the virtual clock: the same policy code (VirtualPolicyCalls)
/// as sync and async, and the pool's own rules for when a request gets a thread and when a call's
/// completion does. Deterministic results, asserted exactly.
/// </summary>
public sealed class ThreadPoolMitigationTests
{
    private static readonly EjectionSettings s_quickEjection = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 20);
    private static readonly BreakerSettings s_quickBreaker = new(0.1, TimeSpan.FromSeconds(1), 20, TimeSpan.FromMilliseconds(500));

    public static TheoryData<string> Mitigations => ["least-outstanding", "p2c", "eject", "breaker", "bulkhead", "retries", "budget", "hedge"];

    internal static MitigationSettings Settings(string mitigation) => mitigation switch
    {
        "least-outstanding" => new(BalancerKind.LeastOutstanding, null),
        "p2c" => new(BalancerKind.PowerOfTwoChoices, null),
        "eject" => new(BalancerKind.RoundRobin, s_quickEjection),
        "breaker" => MitigationSettings.None with { Breaker = s_quickBreaker },
        "retries" => new MitigationSettings(BalancerKind.Random, null) { Retries = 2 },
        "budget" => new MitigationSettings(BalancerKind.Random, null) { Retries = 2, RetryBudget = RetryBudgetSettings.Share(5) },
        "hedge" => MitigationSettings.None with { HedgeAfter = TimeSpan.FromMilliseconds(43) },
        _ => MitigationSettings.None with { Bulkhead = 2 },
    };

    /// <summary>A threadpool scenario: one endpoint in five dead (300 ms ≥ the 150 ms timeout).</summary>
    internal static Scenario ThreadPool(string minThreads, BlockKind block, ClockKind clock = ClockKind.Virtual, long requests = 1_400, string timeout = "150ms")
    {
        ScenarioBuilder builder = TestScenarios.Builder(400, requests, "20ms*4,300ms", clock: clock, timeout: timeout);
        builder.Engine = EngineKind.ThreadPool;
        builder.Block = block;
        builder.PoolMinThreads = minThreads;
        return builder.Build();
    }

    [Theory]
    [MemberData(nameof(Mitigations))]
    public void APoolThatNeverRunsShort_GivesExactlyTheAsyncResult(string mitigation)
    {
        // 1000 threads from the start and waits the pool cannot see: a request gets a thread the instant
        // it arrives and a call's end is heard the instant it ends, as in async. Any difference is in
        // how the pool model drives the policy.
        Scenario pool = ThreadPool("1000", BlockKind.Sleep) with { Mitigations = Settings(mitigation) };
        Scenario async = TestScenarios.Build(400, 1_400, "20ms*4,300ms", timeout: "150ms") with { Mitigations = Settings(mitigation) };

        RunResult p = new ScenarioRun(pool).Run(CancellationToken.None);
        RunResult a = new ScenarioRun(async).Run(CancellationToken.None);

        Assert.Equal(a.Statistics.Successes, p.Statistics.Successes);
        Assert.Equal(a.Statistics.Failures, p.Statistics.Failures);
        Assert.Equal(a.Statistics.Rate, p.Statistics.Rate);
        Assert.Equal(a.Statistics.Percentiles, p.Statistics.Percentiles);
        Assert.Equal(a.Endpoints, p.Endpoints);
        Assert.Equal(a.MitigationCounters, p.MitigationCounters);
        Assert.NotNull(p.Endpoints);
        Assert.Equal(1_400, p.Statistics.Successes + p.Statistics.Failures);
    }

    [Fact]
    public void SyncOverAsync_EachCallsCompletionIsAPoolWorkItem()
    {
        // With --block result every call's end is a completion work item on the pool (and only the one that
        // answers frees the blocked thread): the pool completes the requests' items plus one per call.
        Scenario scenario = ThreadPool("1000", BlockKind.Result) with { Mitigations = Settings("retries") };

        RunResult result = new ScenarioRun(scenario).Run(CancellationToken.None);

        long calls = 1_400 + result.MitigationCounters!.Retried;
        Assert.Equal(1_400, result.Statistics.Successes); // the retry avoids the dead endpoint
        Assert.True(result.MitigationCounters.Retried > 0);
        Assert.Equal(1_400 + calls, result.Pool!.Samples[^1].Completed);
    }

    [Fact]
    public void FailedFast_ARequestNeverBlocksItsThread()
    {
        // One endpoint, a bulkhead of 1 and a pool of at most 1 thread, with waits the pool sees: the one
        // call in flight blocks the one thread, and every request that meets the full bulkhead is answered
        // at once on a thread without blocking it. 100 ms calls, a request every 2.5 ms.
        ScenarioBuilder builder = TestScenarios.Builder(400, 40, "100ms", timeout: "1s");
        builder.Engine = EngineKind.ThreadPool;
        builder.Block = BlockKind.Sleep;
        builder.PoolMinThreads = "2";
        builder.PoolMaxThreads = "2";
        Scenario scenario = builder.Build() with { Mitigations = MitigationSettings.None with { Bulkhead = 1 } };

        RunResult result = new ScenarioRun(scenario).Run(CancellationToken.None);

        // The first request holds the endpoint for 100 ms (requests 0–39 all arrive within 97.5 ms): every
        // other request is failed fast by the bulkhead on the second thread, none waits for the first.
        Assert.Equal(1, result.Statistics.Successes);
        Assert.Equal(39, result.Endpoints![0].FastFails);
        Assert.Equal(39, result.Statistics.OtherFailures);
        Assert.Equal(0, result.Statistics.Unfinished);
    }

    [Fact]
    public void E3WithATimeout_EjectionRestoresTheRate_ThatTheDeadEndpointTookFromThePool()
    {
        // The article's E3 with --timeout 1s on a pool of 50 whose waits it cannot see: without ejection the
        // dead endpoint holds threads for 1 s each and the pool falls behind; ejected, it keeps up.
        ScenarioBuilder builder = TestScenarios.Builder(1000, 10_000, "20ms*9,30s", timeout: "1s");
        builder.Engine = EngineKind.ThreadPool;
        builder.Block = BlockKind.Sleep;
        builder.PoolMinThreads = "50";
        builder.ProcessorCount = 2;
        Scenario plain = builder.Build();
        Scenario ejecting = plain with { Mitigations = new MitigationSettings(BalancerKind.RoundRobin, EjectionSettings.Default) };

        RunResult p = new ScenarioRun(plain).Run(CancellationToken.None);
        RunResult e = new ScenarioRun(ejecting).Run(CancellationToken.None);

        Assert.Equal(9_000, p.Statistics.Successes);
        Assert.True(e.Statistics.Successes > 9_900, $"ejected: {e.Statistics.Successes} successes");
        Assert.True(e.Endpoints![9].Ejections > 0);
        Assert.True(e.Statistics.Rate.Average > 1.5 * p.Statistics.Rate.Average, $"rate {e.Statistics.Rate.Average} vs {p.Statistics.Rate.Average}");
        Assert.True(e.Pool!.PeakThreads < p.Pool!.PeakThreads);
    }
}
