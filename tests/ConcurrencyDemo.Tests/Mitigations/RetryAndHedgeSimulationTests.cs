using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>Retries, the retry budget and hedging on the virtual clock: deterministic, asserted exactly where they can be.</summary>
public sealed class RetryAndHedgeSimulationTests
{
    private static Scenario E3(int? threads, MitigationSettings mitigations, long requests = 20_000) =>
        TestScenarios.Build(1000, requests, "20ms*9,30s", threads, ClockKind.Virtual, "1s") with { Mitigations = mitigations };

    private static RunResult Run(Scenario scenario) => new ScenarioRun(scenario).Run(CancellationToken.None);

    [Theory]
    [InlineData(50)]
    [InlineData(null)]
    public void E3_OneRetry_AvoidsTheDeadEndpoint_SoEveryRequestSucceeds(int? threads)
    {
        RunResult r = Run(E3(threads, MitigationSettings.None with { Retries = 1 }));
        MitigationCounters c = r.MitigationCounters!;

        Assert.Equal(20_000, r.Statistics.Successes);
        Assert.Equal(r.Endpoints![9].Requests, c.Retried); // every call to the dead endpoint was retried, once
        Assert.Equal(0, r.Endpoints[9].Successes);
        Assert.Equal(20_000 + c.Retried, r.Endpoints.Sum(e => e.Requests));
        Assert.InRange(c.ExtraLoadPercent, 8, 10); // about one request in ten met the dead endpoint first
    }

    [Fact]
    public void E3Sync_ARetryHoldsTheThreadForBothCalls_SoCapacityFallsBelowTheTimeoutAlone()
    {
        // Without retries: 50 / (0.9 × 20 ms + 0.1 × 1 s) = 423.7 requests/s held, 381.4 succeeding.
        RunResult none = Run(E3(50, MitigationSettings.None));
        RunResult retried = Run(E3(50, MitigationSettings.None with { Retries = 1 }));
        long deadCalls = retried.Endpoints![9].Requests;
        // Every second of thread time: 20 ms per live call, 1 s per dead one, over 50 threads.
        double capacity = 50 / ((20_000 * 0.020 + deadCalls * 1.0) / 20_000);
        Assert.InRange(retried.Statistics.Rate.Average, capacity * 0.98, capacity * 1.02);
        Assert.True(retried.Statistics.Rate.Average > none.Statistics.Rate.Average, "every request now succeeds, so more succeed per second");
    }

    [Fact]
    public void TheBudget_CapsRetriesToItsShare_TheRestFail()
    {
        var budget = new RetryBudgetSettings(5, TimeSpan.FromSeconds(10), 0);
        RunResult r = Run(E3(null, MitigationSettings.None with { Retries = 1, RetryBudget = budget }));
        MitigationCounters c = r.MitigationCounters!;

        Assert.InRange(c.Retried, 0.05 * 20_000 * 0.9, 0.05 * 20_000); // deposits older than 10 s expire, so a little under 5 %
        Assert.Equal(r.Endpoints![9].Requests, c.Retried + c.RetriesRefused);
        Assert.Equal(c.RetriesRefused, r.Statistics.Timeouts);
        Assert.Equal(20_000 - c.RetriesRefused, r.Statistics.Successes);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(null)]
    public void Hedging_CutsTheSlowShareFromPToPSquared(int? threads)
    {
        // 1 % of calls take 1 s, the timeout: without hedging about 1 % of requests fail that way;
        // with a hedge after 50 ms, a request fails only when both its calls are slow: about 0.01 %.
        Scenario plain = TestScenarios.Build(10_000, 100_000, "mix(10ms,1s@1%)*10", threads, ClockKind.Virtual, "1s", seed: 7);
        RunResult without = Run(plain with { Mitigations = MitigationSettings.None with { Balancer = BalancerKind.Random } });
        RunResult with = Run(plain with { Mitigations = MitigationSettings.None with { HedgeAfter = TimeSpan.FromMilliseconds(50) } });
        MitigationCounters c = with.MitigationCounters!;

        Assert.InRange(without.Statistics.Timeouts, 1_000 - 4 * 31, 1_000 + 4 * 31); // binomial(100 000, 1 %): σ ≈ 31
        Assert.InRange(with.Statistics.Timeouts, 0, 10 + 4 * 4); // binomial(100 000, 0.01 %): σ ≈ 3.2
        Assert.Equal(without.Statistics.Timeouts, c.Hedged); // the same draws: exactly the slow first calls are hedged
        Assert.Equal(c.Hedged - with.Statistics.Timeouts, c.HedgesWon);
        Assert.Equal(c.Hedged, c.Abandoned + with.Statistics.Timeouts); // a won hedge abandons its first call
        Assert.Equal(100_000, with.Statistics.Successes + with.Statistics.Timeouts);
    }

    public static TheoryData<int?, int, double?, int?> TheoryCases => new()
    {
        { 50, 1, null, null },
        { 50, 2, 5, null },
        { null, 2, 5, null },
        { 50, 0, null, 50 },
        { 50, 1, null, 50 },
    };

    [Theory]
    [MemberData(nameof(TheoryCases))]
    public void RandomPicks_MatchTheClosedForm(int? threads, int retries, double? budgetPercent, int? hedgeAfterMs)
    {
        var mitigations = new MitigationSettings(BalancerKind.Random, null)
        {
            Retries = retries,
            RetryBudget = budgetPercent is { } p ? RetryBudgetSettings.Share(p) : null,
            HedgeAfter = hedgeAfterMs is { } h ? TimeSpan.FromMilliseconds(h) : null,
        };
        RunResult r = Run(E3(threads, mitigations, requests: 60_000));
        ScenarioTheory theory = ScenarioTheory.For(r.Scenario);

        Assert.NotNull(theory.ExtraLoadPercent);
        Assert.InRange(r.Statistics.Rate.Average, theory.ExpectedSuccessRate * 0.98, theory.ExpectedSuccessRate * 1.02);
        Assert.InRange(r.MitigationCounters!.ExtraLoadPercent, theory.ExtraLoadPercent.Value - 1, theory.ExtraLoadPercent.Value + 1);
    }

    [Fact]
    public void TheDefaultName_TellsRetriesBudgetAndHedgingApart()
    {
        // E12 writes each row's files under its default name: rows that differ only in these must not overwrite each other.
        Scenario scenario = E3(50, new MitigationSettings(BalancerKind.Random, null));
        string[] names =
        [
            DefaultScenarioName.For(scenario with { Mitigations = scenario.Mitigations with { Retries = 2 } }),
            DefaultScenarioName.For(scenario with { Mitigations = scenario.Mitigations with { Retries = 2, RetryBudget = RetryBudgetSettings.Share(5) } }),
            DefaultScenarioName.For(scenario with { Mitigations = scenario.Mitigations with { HedgeAfter = TimeSpan.FromMilliseconds(50) } }),
        ];
        Assert.Equal(3, names.Distinct().Count());
        Assert.EndsWith("_random_retries2_budget5pct", names[1], StringComparison.Ordinal);
    }

    [Fact]
    public void InAFanout_EachCallIsHedged_SoARequestIsSlowOnlyWhenACallAndItsHedgeAre()
    {
        // K = 100 calls of mix(10ms,1s@1%), the slow ones timing out: 63.4 % of requests slow unhedged,
        // 1 − (1 − 0.01²)^100 = 1.0 % with each call hedged after 50 ms, for about 1 % more calls.
        Scenario scenario = TestScenarios.Build(1000, 10_000, "mix(10ms,1s@1%)*100", null, ClockKind.Virtual, "1s", seed: 3)
            with { Fanout = new Fanout(100, 100), Mitigations = MitigationSettings.None with { HedgeAfter = TimeSpan.FromMilliseconds(50) } };
        RunResult r = Run(scenario);
        double closedForm = FanoutTheory.SlowShare(FanoutTheory.SlowCallProbability(0.01, hedged: true), 100, 100);
        double sigma = Math.Sqrt(closedForm * (1 - closedForm) / 10_000);

        Assert.InRange(r.Statistics.Timeouts / 10_000.0, closedForm - (4 * sigma), closedForm + (4 * sigma));
        MitigationCounters c = r.MitigationCounters!;
        Assert.Equal(100, c.CallsPerAttempt);
        Assert.InRange(c.ExtraLoadPercent, 0.9, 1.1); // binomial(1 000 000 calls, 1 %): σ ≈ 0.01 %
        Assert.Equal(0, r.Endpoints!.Sum(e => e.FastFails));
    }
}
