using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>
/// The shared suite over both clocks: the same policy code, driven by the real engines and by the
/// simulator, gives the same Avg rate within 5 % for every mitigation. Real runs are short (3.5 s).
/// With retries or hedges, every request succeeds on both clocks. The threadpool mode runs on the
/// process's .NET pool with a minimum of 64 threads, enough for the 18 calls in flight on average, so
/// what is compared is the policy, not the pool's thread injection (ThreadPoolModelTests compare that).
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class MitigationClockAgreementTests
{
    // Fast enough for a short run: 3 failures in a row eject, sweeps every 500 ms, back after 1 s;
    // the breaker samples 1 s, opens from 20 calls at 10 % failures, breaks for 500 ms.
    private static readonly EjectionSettings s_quickEjection = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 20);
    private static readonly BreakerSettings s_quickBreaker = new(0.1, TimeSpan.FromSeconds(1), 20, TimeSpan.FromMilliseconds(500));

    public static TheoryData<int?, string> Cases => new()
    {
        { 16, "least-outstanding" },
        { 16, "p2c" },
        { 16, "random" },
        { 16, "eject" },
        { 16, "breaker" },
        { 16, "bulkhead" },
        { null, "least-outstanding" },
        { null, "eject" },
        { null, "breaker" },
        { 16, "retries" },
        { null, "retries" },
        { 16, "hedge" },
        { null, "hedge" },
    };

    // The threadpool cases: each mitigation once, the waits the pool sees (sync over async, the default)
    // and, for one, the waits it cannot see.
    public static TheoryData<string, BlockKind> ThreadPoolCases => new()
    {
        { "p2c", BlockKind.Result },
        { "eject", BlockKind.Result },
        { "breaker", BlockKind.Result },
        { "bulkhead", BlockKind.Result },
        { "retries", BlockKind.Result },
        { "hedge", BlockKind.Result },
        { "eject", BlockKind.Sleep },
    };

    private static MitigationSettings Settings(string mitigation) => mitigation switch
    {
        "least-outstanding" => new(BalancerKind.LeastOutstanding, null),
        "p2c" => new(BalancerKind.PowerOfTwoChoices, null),
        "random" => new(BalancerKind.Random, null),
        "eject" => new(BalancerKind.RoundRobin, s_quickEjection),
        "breaker" => MitigationSettings.None with { Breaker = s_quickBreaker },
        // Random picks: the seeded sequence of choices is the same on both clocks, whereas round robin's
        // turns shift with the real clock's interleaving of retries and arrivals (299 vs 272/s seen under load).
        "retries" => new MitigationSettings(BalancerKind.Random, null) { Retries = 1 },
        // Not a multiple of the 2.5 ms between arrivals: a hedge due at the same instant as an arrival takes
        // its round-robin turn first on the virtual clock and either way on the real one, and the turns it
        // shifts decide how many requests meet the dead endpoint (40 ms: 349 vs 247 hedges).
        "hedge" => MitigationSettings.None with { HedgeAfter = TimeSpan.FromMilliseconds(43) },
        _ => MitigationSettings.None with { Bulkhead = 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RealAndVirtual_AgreeOnAvgRate(int? threads, string mitigation)
    {
        // One endpoint in five dead (300 ms ≥ 150 ms timeout). 16 threads with round robin hold
        // 46 ms on average: 348/s < 400/s offered, so the mitigation decides whether the pool keeps up.
        // Retries: a timeout that is not a multiple of the 2.5 ms between arrivals, for the reason given for hedges.
        Scenario real = TestScenarios.Build(400, 1_400, "20ms*4,300ms", threads, ClockKind.Real, mitigation == "retries" ? "151ms" : "150ms")
            with { Mitigations = Settings(mitigation) };
        AssertAgree(real, mitigation);
    }

    [Theory]
    [MemberData(nameof(ThreadPoolCases))]
    public void ThreadPool_RealAndVirtual_AgreeOnAvgRate(string mitigation, BlockKind block)
    {
        Scenario real = ThreadPoolMitigationTests.ThreadPool("64", block, ClockKind.Real, timeout: mitigation == "retries" ? "151ms" : "150ms")
            with { Mitigations = Settings(mitigation) };

        AssertAgree(real, mitigation);
    }

    private static void AssertAgree(Scenario real, string mitigation)
    {
        Scenario simulated = real with { Clock = ClockKind.Virtual };

        RunResult r = new ScenarioRun(real).Run(CancellationToken.None);
        RunResult v = new ScenarioRun(simulated).Run(CancellationToken.None);

        // Every call the balancer routed: one per request, and one per retry or hedge.
        Assert.Equal(1_400 + r.MitigationCounters!.Retried + r.MitigationCounters.Hedged, r.Endpoints!.Sum(e => e.Requests));
        Assert.Equal(1_400, r.Statistics.Successes + r.Statistics.Timeouts + r.Statistics.OtherFailures);
        Assert.InRange(r.Statistics.Rate.Average, v.Statistics.Rate.Average * 0.95, v.Statistics.Rate.Average * 1.05);
        switch (mitigation)
        {
            case "eject":
                Assert.True(r.Endpoints![4].Ejections > 0 && v.Endpoints![4].Ejections > 0, "the dead endpoint is ejected on both clocks");
                break;
            case "breaker":
                Assert.True(r.Endpoints![4].BreakerOpened > 0 && v.Endpoints![4].BreakerOpened > 0, "its circuit opens on both clocks");
                break;
            case "bulkhead":
                Assert.True(r.Endpoints![4].FastFails > 0 && v.Endpoints![4].FastFails > 0, "the bulkhead fails calls fast on both clocks");
                break;
            case "retries":
                // The retry avoids the dead endpoint: every request succeeds, on both clocks.
                Assert.Equal(1_400, r.Statistics.Successes);
                Assert.Equal(1_400, v.Statistics.Successes);
                // How many requests meet the dead endpoint first depends on how retries and arrivals interleave
                // their round-robin turns (the real clock's jitter decides ties), so it is not compared; on
                // both clocks each such call is retried once.
                Assert.Equal(r.Endpoints![4].Requests, r.MitigationCounters.Retried);
                Assert.Equal(v.Endpoints![4].Requests, v.MitigationCounters!.Retried);
                break;
            case "hedge":
                // A call to the dead endpoint is hedged at 43 ms to a live one, which answers first.
                Assert.Equal(r.Endpoints![4].Requests, r.MitigationCounters.HedgesWon);
                Assert.Equal(v.Endpoints![4].Requests, v.MitigationCounters!.HedgesWon);
                Assert.Equal(1_400, r.Statistics.Successes);
                break;
        }
    }
}
