using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Scenarios;
using CsCheck;
using Polly;
using Polly.RateLimiting;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>
/// Our bulkhead (part of <see cref="EndpointPolicy"/>, for both clocks) against Polly's concurrency limiter
/// (Polly.RateLimiting: a ConcurrencyLimiter with N permits and no queue), as an oracle: the same calls,
/// started and ended in the same random overlapping order, must be let through or failed fast alike.
/// Each Polly call stays pending inside the pipeline until it ends (<see cref="PendingPollyCall"/>), so
/// it holds its permit for exactly as long as our call counts as outstanding.
/// </summary>
public sealed class BulkheadAgainstPollyTests
{
    // A step: 0–4 starts a call; 5–9 ends one of the calls out (5–6 a success, 7–8 a failure, 9 abandoned), chosen by `pick`.
    private static readonly Gen<(int Step, int Pick)> s_step = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1000]);

    [Fact]
    public void EveryCallIsAdmittedOrFailedFast_AsPollysConcurrencyLimiterDoes()
    {
        Gen.Select(Gen.Int[1, 4], s_step.Array[1, 300])
            .Sample((permits, steps) => Compare(permits, steps) is null, iter: 300,
                print: t => (Compare(t.Item1, t.Item2) ?? "agreed") + $" — {t.Item1} permits, steps: " + string.Join(" ", t.Item2.Select(s => s.Step)));
    }

    [Fact]
    public void TheOracleCanDisagree()
    {
        // Two permits, three calls at once: both refuse the third. With our bulkhead at 3 the comparison must report it.
        (int, int)[] steps = [(0, 0), (0, 0), (0, 0)];
        Assert.Null(Compare(2, steps));
        Assert.Equal("call 2: Polly failed fast, ours admitted", Compare(2, steps, ourBulkhead: 3));
    }

    // The first call on which the two disagree, described; null when they agree throughout.
    private static string? Compare(int permits, (int Step, int Pick)[] steps, int? ourBulkhead = null)
    {
        ResiliencePipeline<bool> polly = new ResiliencePipelineBuilder<bool>().AddConcurrencyLimiter(permits, queueLimit: 0).Build();
        Scenario scenario = TestScenarios.Build(1000, 10, "20ms") with { Mitigations = MitigationSettings.None with { Bulkhead = ourBulkhead ?? permits } };
        var ours = new EndpointPolicy(scenario);
        var admitted = new List<PendingPollyCall>(); // calls out, in the order they started
        int call = 0;
        long now = 0;
        foreach ((int step, int pick) in steps)
        {
            now += TimeSpan.TicksPerMillisecond;
            if (step < 5)
            {
                var pending = new PendingPollyCall();
                ResilienceContext context = ResilienceContextPool.Shared.Get();
                ValueTask<Outcome<bool>> execution = polly.ExecuteOutcomeAsync(PendingPollyCall.Callback, context, pending);
                bool pollyAdmitted = !execution.IsCompleted;
                if (!pollyAdmitted && execution.Result.Exception is not RateLimiterRejectedException)
                {
                    return $"call {call}: Polly completed it without a rejection ({execution.Result})";
                }

                bool oursAdmitted = ours.TryChoose(now, avoid: -1, out _);
                if (oursAdmitted != pollyAdmitted)
                {
                    return $"call {call}: Polly {(pollyAdmitted ? "admitted" : "failed fast")}, ours {(oursAdmitted ? "admitted" : "failed fast")}";
                }

                if (pollyAdmitted)
                {
                    pending.Execution = execution;
                    admitted.Add(pending);
                }

                call++;
            }
            else if (admitted.Count > 0)
            {
                PendingPollyCall ending = admitted[pick % admitted.Count];
                admitted.Remove(ending);
                ending.Complete(succeeded: step < 7);
                if (step == 9)
                {
                    ours.Abandoned(0, now);
                }
                else
                {
                    ours.Completed(0, succeeded: step < 7, now);
                }
            }
        }

        return null;
    }
}
