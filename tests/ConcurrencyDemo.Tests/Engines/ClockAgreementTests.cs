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

        Assert.Equal(v.Statistics.Timeouts, r.Statistics.Timeouts);
        Assert.Equal(v.Statistics.Successes, r.Statistics.Successes);
        double expected = v.Statistics.Successes / (double)(r.Statistics.Successes + r.Statistics.Timeouts) * 400;
        Assert.InRange(v.Statistics.Rate.Average, expected * 0.98, expected * 1.02);
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
