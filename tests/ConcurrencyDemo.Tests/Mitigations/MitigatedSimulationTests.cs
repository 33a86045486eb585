using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>The policy on the virtual clock: deterministic, so asserted exactly where it can be.</summary>
public sealed class MitigatedSimulationTests
{
    private static Scenario E3(int? threads, MitigationSettings mitigations, long requests = 60_000) =>
        TestScenarios.Build(1000, requests, "20ms*9,30s", threads, ClockKind.Virtual, "1s") with { Mitigations = mitigations };

    [Theory]
    [InlineData(50)]
    [InlineData(null)]
    public void NoEndpointFails_EjectionChangesNothing(int? threads)
    {
        // The policy's round robin with nothing ejected is the workload's own: the same run, tick for tick.
        Scenario plain = TestScenarios.Build(1000, 5_000, "20ms*10", threads, ClockKind.Virtual);
        RunResult without = new ScenarioRun(plain).Run(CancellationToken.None);
        RunResult with = new ScenarioRun(plain with { Mitigations = new MitigationSettings(BalancerKind.RoundRobin, EjectionSettings.Default) }).Run(CancellationToken.None);

        Assert.Equal(without.Statistics.Rate.Average, with.Statistics.Rate.Average);
        Assert.Equal(without.Statistics.LastCompletion, with.Statistics.LastCompletion);
        Assert.Equal(without.Statistics.OverheadMsAt(99), with.Statistics.OverheadMsAt(99));
        Assert.Null(without.Endpoints);
        Assert.All(with.Endpoints!, e => Assert.Equal(500, e.Requests));
    }

    [Fact]
    public void E3Sync_Timeout1s_RoundRobin_IsTheTheory()
    {
        RunResult r = new ScenarioRun(E3(50, MitigationSettings.None)).Run(CancellationToken.None);
        // 50 / (0.9 × 20 ms + 0.1 × 1 s) = 423.7/s, × 0.9 = 381.4 successes/s.
        Assert.Equal(381.356, ScenarioTheory.For(r.Scenario).ExpectedSuccessRate, 3);
        Assert.InRange(r.Statistics.Rate.Average, 381.356 * 0.99, 381.356 * 1.01);
    }

    [Fact]
    public void E3Sync_Ejection_ServesCloseTo1000PerSecond()
    {
        RunResult r = new ScenarioRun(E3(50, new MitigationSettings(BalancerKind.RoundRobin, EjectionSettings.Default))).Run(CancellationToken.None);
        ScenarioTheory theory = ScenarioTheory.For(r.Scenario);
        Assert.Equal(1000, theory.ExpectedSuccessRate);
        Assert.NotNull(theory.MitigationNote);

        EndpointStatistics dead = r.Endpoints![9];
        // Deterministic: 50 threads stall on the dead endpoint in the first second and again when it
        // returns at the sweep at 40 s; ejected the second time for 2 × 30 s, past the run's end.
        Assert.Equal(2, dead.Ejections);
        Assert.Equal(dead.Requests, dead.Failures);
        Assert.Equal(100, r.Statistics.Timeouts);
        Assert.InRange(dead.TimeEjected.TotalSeconds, 57, 59);
        Assert.InRange(r.Statistics.Rate.Average, 990, 1010);
        Assert.Equal(r.Statistics.Sent, r.Endpoints.Sum(e => e.Requests));
        Assert.Equal(r.Statistics.Successes, r.Endpoints.Sum(e => e.Successes));
    }

    [Theory]
    [InlineData(BalancerKind.LeastOutstanding)]
    [InlineData(BalancerKind.PowerOfTwoChoices)]
    public void E3Async_OutstandingAwareBalancers_StarveTheDeadEndpoint(BalancerKind balancer)
    {
        // A dead endpoint keeps a second's worth of calls in flight, so it is (nearly) never the least busy.
        RunResult r = new ScenarioRun(E3(null, new MitigationSettings(balancer, null), requests: 20_000)).Run(CancellationToken.None);
        Assert.InRange(r.Endpoints![9].Requests, 1, 200);
        Assert.InRange(r.Statistics.Rate.Average, 990, 1000);
    }

    [Fact]
    public void Random_SpreadsLikeRoundRobin_AndIsDeterministic()
    {
        Scenario s = E3(null, new MitigationSettings(BalancerKind.Random, null), requests: 20_000);
        RunResult a = new ScenarioRun(s).Run(CancellationToken.None);
        RunResult b = new ScenarioRun(s).Run(CancellationToken.None);
        Assert.Equal(a.Endpoints, b.Endpoints);
        Assert.All(a.Endpoints!, e => Assert.InRange(e.Requests, 1_800, 2_200));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(null)]
    public void E3_Bulkhead_CapsTheDeadEndpointsCalls_TheRestFailFast(int? threads)
    {
        RunResult r = new ScenarioRun(E3(threads, MitigationSettings.None with { Bulkhead = 5 })).Run(CancellationToken.None);
        EndpointStatistics dead = r.Endpoints![9];
        // At most 5 calls in flight for 1 s each: 5 per second time out, the other 95 fail fast.
        Assert.Equal(300, dead.Failures);
        Assert.Equal(5_700, dead.FastFails);
        Assert.Equal(54_000, r.Statistics.Successes);
        Assert.Equal(900, r.Statistics.Rate.Average, 3);
        Assert.Equal(900, ScenarioTheory.For(r.Scenario).ExpectedSuccessRate, 3);
    }

    [Fact]
    public void E3Sync_Breaker_FreesTheThreads()
    {
        RunResult r = new ScenarioRun(E3(50, MitigationSettings.None with { Breaker = BreakerSettings.Default })).Run(CancellationToken.None);
        EndpointStatistics dead = r.Endpoints![9];
        Assert.True(dead.BreakerOpened >= 2, $"opened {dead.BreakerOpened} times");
        Assert.True(dead.FastFails > 5_000, $"{dead.FastFails} fast fails");
        Assert.InRange(dead.TimeOpen.TotalSeconds, 40, 60);
        Assert.InRange(r.Statistics.Rate.Average, 900 * 0.97, 900 * 1.03); // theory 900; without the breaker 381
    }
}
