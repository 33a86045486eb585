using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Workload;

/// <summary>
/// The closed loop (<c>--arrivals closed --connections N</c>) on the virtual clock, where every send and
/// answer can be worked out by hand: each connection sends its next request when the previous is
/// answered, no earlier than it is due at --rate, and latency counts from when it was due.
/// </summary>
public sealed class ClosedLoopTests
{
    private static RunResult Run(Scenario scenario) => new ScenarioRun(scenario).Run(CancellationToken.None);

    private static ScenarioBuilder Closed(double? rate, long requests, string latency, int connections, int? threads = null)
    {
        ScenarioBuilder builder = TestScenarios.Builder(rate ?? 1, requests, latency, threads, arrivals: ArrivalPattern.Closed);
        builder.Rate = rate is null ? null : builder.Rate;
        builder.Connections = connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return builder;
    }

    [Fact]
    public void TwoConnections_WaitForTheirAnswers_AndLatencyCountsFromWhenEachWasDue()
    {
        // Due every 10 ms; answers take 100 ms. r0, r1 go at 0 and 10 ms; r2 (due 20) waits for r0's answer
        // at 100 ms, r3 (due 30) for r1's at 110, r4 (due 40) goes at 200, r5 (due 50) at 210.
        RunResult result = Run(Closed(100, 6, "100ms", connections: 2).Build());

        // Overheads 0, 0, 80, 80, 160, 160 ms: p0, p50, p90, p95, p99, p99.9, p99.99, p100.
        // (within the histogram's 3 significant digits: 80 ms reads 80.063)
        Assert.Equal([0.0, 80, 160, 160, 160, 160, 160, 160], Overheads(result), (a, b) => Math.Abs(a - b) < 0.1);
        Assert.Equal(TimeSpan.FromMilliseconds(310), result.Statistics.LastCompletion);
        ClosedLoopCount loop = result.ClosedLoop!;
        Assert.Equal(new ClosedLoopCount(2, 6, TimeSpan.FromMilliseconds(210), 22), loop);
        // An open loop at 100 rps sends 22 requests (at 0, 10, … 210 ms) in the time the closed loop sent 6.
        Assert.Equal(16, loop.NotSent);
    }

    [Fact]
    public void WithoutARate_EachRequestIsDueWhenItsConnectionSendsIt_AndNothingCanBeCounted()
    {
        RunResult result = Run(Closed(null, 6, "100ms", connections: 2).Build());

        Assert.False(result.Scenario.HasRate);
        Assert.Equal([0.0, 0, 0, 0, 0, 0, 0, 0], Overheads(result));
        Assert.Equal(TimeSpan.FromMilliseconds(300), result.Statistics.LastCompletion);
        Assert.Equal(new ClosedLoopCount(2, 6, TimeSpan.FromMilliseconds(200), null), result.ClosedLoop);
        Assert.Null(result.ClosedLoop!.NotSent);
    }

    [Fact]
    public void EnoughConnections_ForTheRate_GiveTheOpenLoopsRun_AndNothingUnsent()
    {
        // 10 ms answers, a request every 10 ms: one connection at a time is busy, so the cap alone paces the loop.
        RunResult closed = Run(Closed(100, 500, "10ms*3", connections: 2).Build());
        RunResult open = Run(TestScenarios.Build(100, 500, "10ms*3"));

        Assert.Equal(open.Statistics.Percentiles, closed.Statistics.Percentiles);
        Assert.Equal(open.Statistics.LastCompletion, closed.Statistics.LastCompletion);
        Assert.Equal(open.Statistics.Rate, closed.Statistics.Rate);
        Assert.Equal(0, closed.ClosedLoop!.NotSent);
        Assert.Null(open.ClosedLoop);
    }

    [Fact]
    public void E3Async_ClosedLoopOf50_SendsAtTheLoopsPace_AndCountsTheRequestsItHid()
    {
        // The article's E3 (1000 rps, 20ms*9,30s) on an async service: open, it keeps 900 successes/s; behind 50
        // connections every connection soon waits on the dead endpoint, so the loop sends about 50 / 3.018 s.
        RunResult closed = Run(Closed(1000, 10_000, "20ms*9,30s", connections: 50).Build());
        RunResult closedNoRate = Run(Closed(null, 10_000, "20ms*9,30s", connections: 50).Build());

        Assert.Equal(14.853658536585366, closed.Statistics.Rate.Average, 12);
        Assert.Equal(new ClosedLoopCount(50, 10_000, TimeSpan.FromMilliseconds(575_405), 575_406), closed.ClosedLoop);
        Assert.Equal(565_406, closed.ClosedLoop!.NotSent);
        Assert.Equal(268_304.383, closed.Statistics.OverheadMsAt(50));
        // Without a rate (nothing caps the first sends) about the same rate, and it looks perfect: no overhead at all.
        Assert.Equal(14.867595818815332, closedNoRate.Statistics.Rate.Average, 12);
        Assert.Equal(0, closedNoRate.Statistics.OverheadMsAt(100));
    }

    [Fact]
    public void E3Sync50_BehindFiftyConnections_MatchesTheOpenLoop_WhenLatencyCountsFromWhenDue()
    {
        // 50 threads behind 50 connections: the pool already was the loop; wrk2's correction gives the same latencies.
        RunResult closed = Run(Closed(1000, 10_000, "20ms*9,30s", connections: 50, threads: 50).Build());
        RunResult open = Run(TestScenarios.Build(1000, 10_000, "20ms*9,30s", threads: 50));

        Assert.Equal(open.Statistics.Percentiles, closed.Statistics.Percentiles);
        Assert.Equal(open.Statistics.Rate, closed.Statistics.Rate);
        Assert.Equal(open.Statistics.LastCompletion, closed.Statistics.LastCompletion);
    }

    [Fact]
    public void Theory_CapsTheRate_AtConnectionsOverMeanHold_AndNothingQueues()
    {
        Scenario closed = Closed(1000, 10_000, "20ms*9,30s", connections: 50).Build();
        ScenarioTheory theory = ScenarioTheory.For(closed);

        // Little's law on the loop: 50 / 3.018 s = 16.567/s sent, 90 % succeeding.
        Assert.Equal(50 / 3.018 * 0.9, theory.ExpectedSuccessRate, 9);
        Assert.Equal(0, theory.QueueGrowthPerSecond);
        Assert.StartsWith("the closed loop: 50 connections", theory.Bottleneck, StringComparison.Ordinal);

        ScenarioBuilder pool = Closed(null, 1000, "100ms", connections: 5);
        pool.Engine = EngineKind.ThreadPool;
        // A closed loop of 5 never needs more than 5 threads, whatever the rate would have asked.
        Assert.Equal(5, ThreadPoolTheory.For(pool.Build()).ThreadsNeeded);
    }

    [Fact]
    public void ThreadPoolTheory_ClosedLoop_NoMoreRequestsPileUpThanThereAreConnections()
    {
        // The tutorial's shape: 125 connections, 500 ms calls, a pool starting at 2 threads. The open-loop
        // sum over the two-minute ramp said "about 15252 requests pile up"; 125 connections cannot send more than 125.
        ScenarioBuilder pool = Closed(null, 100_000, "500ms", connections: 125);
        pool.Engine = EngineKind.ThreadPool;
        pool.Block = BlockKind.Poll;
        pool.ProcessorCount = 2;

        ThreadPoolTheory theory = ThreadPoolTheory.For(pool.Build());

        Assert.Equal(125, theory.ThreadsNeeded);
        Assert.InRange(theory.Backlog, 1, 125);
    }

    [Fact]
    public void ThreadPoolModel_RunsAClosedLoop_ToTheEnd_WithAtMostNInFlight()
    {
        ScenarioBuilder builder = Closed(null, 10, "100ms", connections: 2);
        builder.Engine = EngineKind.ThreadPool;
        builder.ProcessorCount = 2;
        RunResult result = Run(builder.Build());

        Assert.Equal(10, result.Statistics.Successes);
        // Two at a time, 100 ms each: five rounds, never faster.
        Assert.True(result.Statistics.LastCompletion >= TimeSpan.FromMilliseconds(500), $"{result.Statistics.LastCompletion}");
        Assert.Equal(10, result.ClosedLoop!.Sent);
    }

    [Fact]
    public void Schedule_WithEveryConnectionBusy_HasNothingToSend_UntilOneIsAnswered()
    {
        Scenario scenario = Closed(1000, 5, "1s", connections: 1).Build();
        var schedule = new ArrivalSchedule(scenario);

        Assert.True(schedule.TryNext(out Request first));
        Assert.Equal(TimeSpan.Zero, first.Sent);
        Assert.Null(schedule.PeekDue);
        Assert.False(schedule.TryNext(out _));
        Assert.True(schedule.HasMore);

        schedule.Answered(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.PeekDue);
        Assert.True(schedule.TryNext(out Request second));
        Assert.Equal(TimeSpan.FromMilliseconds(1), second.IntendedStart);
        Assert.Equal(TimeSpan.FromSeconds(1), second.Sent);
    }

    private static double[] Overheads(RunResult result) => [.. result.Statistics.Percentiles.Select(p => p.OverheadMs)];
}
