using CsCheck;
using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>
/// Polly's own breaker driven call by call (<see cref="PollyCircuitBreaker"/>) against the hand-written one:
/// with calls that overlap — the case <see cref="CircuitBreakerAgainstPollyTests"/> cannot check, since
/// Polly's pipeline there sees a call start and end at one instant — and in whole simulated runs.
/// </summary>
public sealed class PollyCircuitBreakerTests
{
    private static readonly BreakerSettings s_settings = new(0.5, TimeSpan.FromSeconds(10), 5, TimeSpan.FromSeconds(2));

    [Fact]
    public void OverlappingCalls_AdmittedAndFailedFastAlike()
    {
        // Each step: a gap (0–1.5 s, in ms), then either a call to one of two endpoints starts (kind 0–3), or the
        // oldest outstanding call ends, succeeding (kind 4–5) or failing (kind 6–8), or is abandoned (kind 9).
        Gen.Select(Gen.Int[0, 1500], Gen.Int[0, 9], Gen.Int[0, 1]).Array[1, 300]
            .Sample(steps => Compare(steps) is null, iter: 300, print: steps => Compare(steps) ?? "agreed");
    }

    [Theory]
    [InlineData(EngineKind.Sync, "breaker")]
    [InlineData(EngineKind.Async, "breaker")]
    [InlineData(EngineKind.Sync, "breaker+bulkhead+retries")]
    [InlineData(EngineKind.Async, "breaker+bulkhead+retries")]
    [InlineData(EngineKind.Sync, "all")]
    [InlineData(EngineKind.Async, "all")]
    public void E3OnTheVirtualClock_TheSameRunTickForTick(EngineKind engine, string mitigation)
    {
        // A breaker that opens, half-opens and closes again many times in 30 s.
        var breaker = new BreakerSettings(0.1, TimeSpan.FromSeconds(2), 20, TimeSpan.FromSeconds(1));
        MitigationSettings mitigations = mitigation switch
        {
            "breaker" => MitigationSettings.None with { Breaker = breaker },
            "breaker+bulkhead+retries" => MitigationSettings.None with { Breaker = breaker, Bulkhead = 20, Retries = 2, RetryBudget = RetryBudgetSettings.Share(20) },
            _ => new MitigationSettings(BalancerKind.PowerOfTwoChoices, EjectionSettings.Default)
            {
                Breaker = breaker,
                Bulkhead = 100,
                Retries = 2,
                RetryBudget = RetryBudgetSettings.Share(20),
                HedgeAfter = TimeSpan.FromMilliseconds(50),
            },
        };
        Scenario scenario = TestScenarios.Build(1000, 30_000, "20ms*9,30s", engine == EngineKind.Sync ? 50 : null, ClockKind.Virtual, "1s")
            with { Engine = engine, Mitigations = mitigations };

        RunResult handWritten = new ScenarioRun(scenario).Run(CancellationToken.None);
        RunResult polly = new ScenarioRun(scenario with { Mitigations = mitigations with { Breaker = breaker with { DrivePolly = true } } }).Run(CancellationToken.None);

        if (mitigation == "all")
        {
            // Hedges answer for the dead endpoint, whose calls are abandoned: its breaker never hears of them.
            Assert.True(handWritten.MitigationCounters!.Abandoned > 1000, $"{handWritten.MitigationCounters.Abandoned} calls abandoned");
        }
        else
        {
            Assert.True(handWritten.Endpoints![9].BreakerOpened >= 3, $"the dead endpoint's circuit opened {handWritten.Endpoints[9].BreakerOpened} times");
        }

        Assert.Equal(handWritten.Endpoints, polly.Endpoints!);
        Assert.Equal(handWritten.MitigationCounters, polly.MitigationCounters);
        Assert.Equal(handWritten.Statistics.Successes, polly.Statistics.Successes);
        Assert.Equal(handWritten.Statistics.Timeouts, polly.Statistics.Timeouts);
        Assert.Equal(handWritten.Statistics.LastCompletion, polly.Statistics.LastCompletion);
        Assert.Equal(handWritten.Statistics.Rate.Average, polly.Statistics.Rate.Average);
        Assert.Equal(handWritten.Statistics.OverheadMsAt(99), polly.Statistics.OverheadMsAt(99));
    }

    // The first step on which the two disagree, described; null when they agree throughout.
    private static string? Compare((int GapMs, int Kind, int Endpoint)[] steps)
    {
        var ours = new CircuitBreaker(s_settings, endpoints: 2);
        var polly = new PollyCircuitBreaker(s_settings, endpoints: 2);
        var outstanding = new Queue<int>();
        long now = 0;
        for (int i = 0; i < steps.Length; i++)
        {
            (int gapMs, int kind, int endpoint) = steps[i];
            now += TimeSpan.FromMilliseconds(gapMs).Ticks;
            if (kind <= 3 || outstanding.Count == 0)
            {
                bool oursAdmitted = ours.TryAcquire(endpoint, now);
                bool pollyAdmitted = polly.TryAcquire(endpoint, now);
                if (oursAdmitted != pollyAdmitted)
                {
                    return $"step {i} at {TimeSpan.FromTicks(now).TotalSeconds:0.###} s: Polly {(pollyAdmitted ? "admitted" : "failed fast")}, ours {(oursAdmitted ? "admitted" : "failed fast")}";
                }

                if (oursAdmitted)
                {
                    outstanding.Enqueue(endpoint);
                }
            }
            else if (kind == 9)
            {
                int abandoned = outstanding.Dequeue();
                ours.Abandon(abandoned);
                polly.Abandon(abandoned);
            }
            else
            {
                int ended = outstanding.Dequeue();
                ours.Record(ended, kind <= 5, now);
                polly.Record(ended, kind <= 5, now);
            }

            for (int e = 0; e < 2; e++)
            {
                if (ours.Opened[e] != polly.Opened[e] || ours.TimeOpen(e, now) != polly.TimeOpen(e, now))
                {
                    return $"step {i}, endpoint {e}: Polly opened {polly.Opened[e]} times for {polly.TimeOpen(e, now)}, ours {ours.Opened[e]} for {ours.TimeOpen(e, now)}";
                }
            }
        }

        return null;
    }
}
