using CsCheck;
using ConcurrencyDemo.Mitigations;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>
/// Our breaker (one state machine for both clocks) against Polly v8's own, as an oracle: the same
/// calls, one after another at the same instants of a fake clock, must be let through or failed fast
/// alike. Calls here take no time, the one case where Polly's pipeline (which records an outcome when
/// the callback returns) and the simulator's start-and-end reporting see the same thing.
/// </summary>
public sealed class CircuitBreakerAgainstPollyTests
{
    private static readonly BreakerSettings s_settings = new(0.5, TimeSpan.FromSeconds(10), 5, TimeSpan.FromSeconds(2));

    [Fact]
    public void EveryCallIsAdmittedOrFailedFast_AsPollyDoes()
    {
        // Each step: a gap before the call (0–3 s, in ms) and whether it succeeds (mostly failures, so circuits open).
        Gen.Select(Gen.Int[0, 3000], Gen.Int[0, 9].Select(d => d >= 6)).Array[1, 200]
            .Sample(steps => Compare(steps) is null, iter: 500, print: steps => (Compare(steps) ?? "agreed") + " — steps (gap ms, succeeds): " + string.Join(" ", steps.Select(x => $"{x.Item1}{(x.Item2 ? "+" : "-")}")));
    }

    // The first call on which the two disagree, described; null when they agree throughout.
    private static string? Compare((int GapMs, bool Succeeds)[] steps)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        DateTimeOffset zero = clock.GetUtcNow();
        ResiliencePipeline<bool> polly = new ResiliencePipelineBuilder<bool> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
            {
                FailureRatio = s_settings.FailureRatio,
                SamplingDuration = s_settings.SamplingDuration,
                MinimumThroughput = s_settings.MinimumThroughput,
                BreakDuration = s_settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result == false),
            })
            .Build();
        var ours = new CircuitBreaker(s_settings, endpoints: 1);
        for (int i = 0; i < steps.Length; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(steps[i].GapMs));
            long now = (clock.GetUtcNow() - zero).Ticks;
            bool succeeds = steps[i].Succeeds;
            bool pollyAdmitted;
            try
            {
                polly.Execute(() => succeeds);
                pollyAdmitted = true;
            }
            catch (BrokenCircuitException)
            {
                pollyAdmitted = false;
            }

            bool oursAdmitted = ours.TryAcquire(0, now);
            if (oursAdmitted)
            {
                ours.Record(0, succeeds, now);
            }

            if (oursAdmitted != pollyAdmitted)
            {
                return $"call {i} at {TimeSpan.FromTicks(now).TotalSeconds:0.###} s: Polly {(pollyAdmitted ? "admitted" : "failed fast")}, ours {(oursAdmitted ? "admitted" : "failed fast")}";
            }
        }

        return null;
    }
}
