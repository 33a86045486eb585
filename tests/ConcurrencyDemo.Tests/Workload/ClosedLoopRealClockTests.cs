using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Workload;

/// <summary>
/// The closed loop on the real clock, for every engine: short runs whose bounds follow from the loop
/// itself (3 connections cannot finish 30 calls of 20 ms in under 200 ms), so an engine that ignored
/// the connections and sent open loop would fail them on any machine, however loaded.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class ClosedLoopRealClockTests
{
    public static TheoryData<EngineKind> Engines => [EngineKind.Sync, EngineKind.Async, EngineKind.ThreadPool];

    private static RunResult Run(EngineKind engine, string? rate)
    {
        ScenarioBuilder builder = TestScenarios.Builder(1, 30, "20ms", threads: engine == EngineKind.Sync ? 10 : null, clock: ClockKind.Real, arrivals: ArrivalPattern.Closed);
        builder.Engine = engine;
        builder.Rate = rate;
        builder.Connections = "3";
        return new ScenarioRun(builder.Build()).Run(CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void WithoutARate_ThreeConnections_TakeTenRoundsOfTheirCalls(EngineKind engine)
    {
        RunResult result = Run(engine, rate: null);

        Assert.Equal(30, result.Statistics.Successes);
        Assert.False(result.Partial);
        // 30 calls, 3 at a time, 20 ms each: at least 10 rounds. An open loop would be done in about 20 ms.
        Assert.True(result.Statistics.LastCompletion >= TimeSpan.FromMilliseconds(200), $"last completion {result.Statistics.LastCompletion}");
        Assert.True(result.ClosedLoop!.LastSent >= TimeSpan.FromMilliseconds(180), $"last sent {result.ClosedLoop.LastSent}");
        Assert.Null(result.ClosedLoop.NotSent);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void WithARate_LatencyCountsFromWhenDue_AndTheUnsentAreCounted(EngineKind engine)
    {
        RunResult result = Run(engine, rate: "1000");

        Assert.Equal(30, result.Statistics.Successes);
        // The last request was due at 29 ms but its connection was free only after 9 rounds (≥ 180 ms):
        // measured from when it was due, its overhead is at least 150 ms.
        Assert.True(result.Statistics.Percentiles[^1].OverheadMs >= 150, $"p100 {result.Statistics.Percentiles[^1].OverheadMs} ms");
        // At 1000 rps an open loop sends ⌊lastSent · 1000⌋ + 1 ≥ 181 in that time; the loop sent 30.
        Assert.True(result.ClosedLoop!.NotSent >= 151, $"not sent {result.ClosedLoop.NotSent}");
        Assert.Equal(result.ClosedLoop.OpenLoopWouldHaveSent - 30, result.ClosedLoop.NotSent);
    }
}
