using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>
/// The shared suite over both clocks: the same policy code, driven by the real engines and by the
/// simulator, gives the same Avg rate within 5 % for every mitigation. Real runs are short (3.5 s).
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class MitigationClockAgreementTests
{
    // Fast enough for a short run: 3 failures in a row eject, sweeps every 500 ms, back after 1 s.
    private static readonly EjectionSettings s_quickEjection = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 20);

    public static TheoryData<int?, BalancerKind, bool> Cases => new()
    {
        { 16, BalancerKind.LeastOutstanding, false },
        { 16, BalancerKind.PowerOfTwoChoices, false },
        { 16, BalancerKind.Random, false },
        { 16, BalancerKind.RoundRobin, true },
        { null, BalancerKind.LeastOutstanding, false },
        { null, BalancerKind.RoundRobin, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RealAndVirtual_AgreeOnAvgRate(int? threads, BalancerKind balancer, bool eject)
    {
        // One endpoint in five dead (300 ms ≥ 150 ms timeout). 16 threads with round robin hold
        // 46 ms on average: 348/s < 400/s offered, so the balancer decides whether the pool keeps up.
        Scenario real = TestScenarios.Build(400, 1_400, "20ms*4,300ms", threads, ClockKind.Real, "150ms")
            with { Mitigations = new MitigationSettings(balancer, eject ? s_quickEjection : null) };
        Scenario simulated = real with { Clock = ClockKind.Virtual };

        RunResult r = new ScenarioRun(real).Run(CancellationToken.None);
        RunResult v = new ScenarioRun(simulated).Run(CancellationToken.None);

        Assert.Equal(1_400, r.Statistics.Successes + r.Statistics.Timeouts);
        Assert.Equal(1_400, r.Endpoints!.Sum(e => e.Requests));
        Assert.InRange(r.Statistics.Rate.Average, v.Statistics.Rate.Average * 0.95, v.Statistics.Rate.Average * 1.05);
        if (eject)
        {
            Assert.True(r.Endpoints![4].Ejections > 0 && v.Endpoints![4].Ejections > 0, "the dead endpoint is ejected on both clocks");
        }
    }
}
