using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// The same scenarios on the real and the virtual clock must agree: the simulator models exactly what
/// the real engines do. Real runs are short (about 3.5 s each) and tolerances wide.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class ClockAgreementTests
{
    public static TheoryData<string, int?, string?> Scenarios => new()
    {
        { "20ms*10", null, null },
        { "20ms*10", 10, null },
        { "20ms*4,300ms", null, "150ms" },
        { "20ms*4,300ms", 40, "150ms" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void RealAndVirtual_AgreeOnRateAndTimeouts(string latency, int? threads, string? timeout)
    {
        Scenario real = TestScenarios.Build(400, 1_400, latency, threads, ClockKind.Real, timeout);
        Scenario simulated = real with { Clock = ClockKind.Virtual };

        RunResult r = new ScenarioRun(real).Run(CancellationToken.None);
        RunResult v = new ScenarioRun(simulated).Run(CancellationToken.None);

        // The simulator, exactly: every second holds 400 × the share of endpoints below the timeout, and
        // the last request (due at 3.4975 s) ends one hold later — 20 ms, or the 150 ms timeout.
        bool timeouts = timeout is not null;
        Assert.Equal(timeouts ? 320 : 400, v.Statistics.Rate.Average);
        Assert.Equal(TimeSpan.FromMilliseconds(timeouts ? 3647.5 : 3517.5), v.Statistics.LastCompletion);
        Assert.Equal(1_400, r.Statistics.Successes + r.Statistics.Timeouts);
        // The real engines hold each call as the simulator does: a call held for the latency instead of
        // the timeout would end the run 150 ms later, a late pacer or a slow pool later still.
        Assert.True(
            (r.Statistics.LastCompletion - v.Statistics.LastCompletion).Duration() < TimeSpan.FromMilliseconds(50),
            $"real last completion {r.Statistics.LastCompletion.TotalMilliseconds} ms, virtual {v.Statistics.LastCompletion.TotalMilliseconds} ms");
        // Real per-second counts shift with timer jitter at second boundaries; 5 % is still a clear agreement.
        Assert.InRange(r.Statistics.Rate.Average, v.Statistics.Rate.Average * 0.95, v.Statistics.Rate.Average * 1.05);
    }

    [Fact]
    public void Overloaded_QueueGrowthVisibleOnBothClocks()
    {
        // 2 threads × 20 ms hold = 100/s capacity against 200/s offered: the queue grows 100/s.
        Scenario real = TestScenarios.Build(200, 300, "20ms", threads: 2, clock: ClockKind.Real);
        Scenario simulated = real with { Clock = ClockKind.Virtual };

        RunResult r = new ScenarioRun(real).Run(CancellationToken.None);
        RunResult v = new ScenarioRun(simulated).Run(CancellationToken.None);

        foreach (RunResult result in new[] { r, v })
        {
            // Requests started in the last second waited about 0.5 s longer than those in the first.
            Assert.True(result.Statistics.Timeline[^1].P50Ms > result.Statistics.Timeline[0].P50Ms + 300,
                $"{result.Scenario.Clock}: {result.Statistics.Timeline[0].P50Ms} → {result.Statistics.Timeline[^1].P50Ms}");
            // The last completion comes at about 300 / 100 = 3 s, not at 1.5 s + 20 ms.
            Assert.InRange(result.Statistics.LastCompletion.TotalSeconds, 2.8, 3.6);
        }
    }
}
