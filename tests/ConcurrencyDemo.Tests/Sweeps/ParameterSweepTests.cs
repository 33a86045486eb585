using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;

namespace ConcurrencyDemo.Tests.Sweeps;

public sealed class ParameterSweepTests
{
    private static Scenario E8Baseline() => new ScenarioBuilder
    {
        Name = "e8",
        Rate = "10000",
        RequestCount = "5000",
        Latency = "20ms*10",
        Engine = EngineKind.Sync,
        Threads = "1",
        Clock = ClockKind.Virtual,
    }.Build();

    [Fact]
    public void ThreadsSweep_OnTheVirtualClock_AnswersE8WithTheTheorysMinimum()
    {
        Scenario baseline = E8Baseline();
        var scenarios = ParameterSweep.Scenarios(baseline, SweepParameter.Threads, ["100", "150", "200", "250"]);
        var perThread = new MemoryCost(new MemorySample(MemoryProbeKind.BlockedThreads, 100, 0, 0, 0, 100), 8 << 20, 20 << 10);

        SweepResult sweep = ParameterSweep.Run(baseline, SweepParameter.Threads, scenarios, perThread, null, CancellationToken.None);

        Assert.Equal([false, false, true, true], sweep.Points.Select(SweepResult.KeptUp));
        Assert.Equal(200L * (8 << 20), sweep.Points[2].VirtualBytes);
        string answer = SweepSummary.Answer(sweep);
        Assert.Contains("needs 200 threads", answer, StringComparison.Ordinal);
        Assert.Contains("200 threads minimum", answer, StringComparison.Ordinal);
        byte[] png = SweepChart.Render(sweep);
        Assert.Equal((byte)0x89, png[0]);
    }

    [Fact]
    public void LatencySweep_OverADistribution_RunsTheSweptValue()
    {
        Scenario baseline = TestScenarios.Build(1000, 2000, "exp(20ms)*10");

        var point = Assert.Single(ParameterSweep.Scenarios(baseline, SweepParameter.Latency, ["60ms"]));
        var run = new ConcurrencyDemo.Running.ScenarioRun(point.Scenario).Run(CancellationToken.None);

        // Every call takes the swept 60 ms: the last request, due at 1.999 s, ends at 2.059 s.
        Assert.Equal(TimeSpan.FromSeconds(2.059), run.Statistics.LastCompletion);
        Assert.Equal("60ms*10", Units.LatencyList(point.Scenario));
    }

    [Fact]
    public void LatencySweep_KeepsDeadEndpointsDead()
    {
        Scenario baseline = new ScenarioBuilder { Rate = "100", RequestCount = "10", Latency = "20ms*9,30s", Engine = EngineKind.Sync, Threads = "50", Clock = ClockKind.Virtual }.Build();
        var scenarios = ParameterSweep.Scenarios(baseline, SweepParameter.Latency, ["60ms"]);
        Assert.Equal(
            [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(60), 9), TimeSpan.FromSeconds(30)],
            scenarios[0].Scenario.EndpointLatencies);
    }

    [Fact]
    public void Scenarios_InvalidValues_AreAllReported()
    {
        var e = Assert.Throws<ScenarioException>(() => ParameterSweep.Scenarios(E8Baseline(), SweepParameter.Threads, ["0", "abc", "10"]));
        Assert.Equal(2, e.Problems.Count);
    }
}
