using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// <c>--block poll</c> in the pool's model: the diagnostics tutorial's <c>tasksleepwait</c> (start an awaited
/// call, sleep 10 ms until it is complete). The call's completion is a work item that needs a free pool
/// thread, the poller notices it at its next 10 ms step, and the pool sees none of the sleeps.
/// </summary>
public sealed class ThreadPoolPollModelTests
{
    private static RunResult Run(BlockKind block, string latency, string minThreads, string requests = "1", string rate = "10") =>
        new ScenarioRun(new ScenarioBuilder
        {
            Engine = EngineKind.ThreadPool,
            Clock = ClockKind.Virtual,
            Rate = rate,
            RequestCount = requests,
            Latency = latency,
            Block = block,
            PoolMinThreads = minThreads,
            ProcessorCount = 2,
        }.Build()).Run(CancellationToken.None);

    [Fact]
    public void Poll_WithAFreeThread_NoticesTheCompletionAtItsNextTenMillisecondStep()
    {
        // The call ends at 25 ms; the idle second thread runs its completion at once; the poller looks at 30 ms.
        RunResult poll = Run(BlockKind.Poll, "25ms", minThreads: "2");
        RunResult sleep = Run(BlockKind.Sleep, "25ms", minThreads: "2");

        Assert.Equal(TimeSpan.FromMilliseconds(30), poll.Statistics.LastCompletion);
        Assert.Equal(TimeSpan.FromMilliseconds(25), sleep.Statistics.LastCompletion);
        // Two work items for the one request: the request and its completion.
        Assert.Equal(2, poll.Pool!.Samples[^1].Completed);
    }

    [Fact]
    public void Poll_OnItsOnlyThread_WaitsForStarvationDetection_ToRunItsCompletion()
    {
        // One thread, polling: the completion queued at 25 ms has no thread. The gate thread adds one when no
        // thread started dispatching for more than 500 ms: at its check at 1000 ms (at 500 ms it had been exactly
        // 500). The new thread runs the completion at 1000 ms, which is a poll step (100 × 10 ms): answered then.
        RunResult poll = Run(BlockKind.Poll, "25ms", minThreads: "1");
        RunResult result = Run(BlockKind.Result, "25ms", minThreads: "1");

        Assert.Equal(TimeSpan.FromMilliseconds(1000), poll.Statistics.LastCompletion);
        Assert.Equal(2, poll.Pool!.PeakThreads);
        // The same wait seen by the pool (.Result): blocking-aware injection adds a thread at once.
        Assert.Equal(TimeSpan.FromMilliseconds(25), result.Statistics.LastCompletion);
    }

    [Fact]
    public void Poll_WithABacklog_Spirals_EachCompletionQueuedBehindTheRequestsBeforeIt()
    {
        // 200/s of 100 ms calls on min 2: as with sync over async, a completion queued behind waiting requests
        // frees nobody until every request before it has a thread; threads come one a second here.
        RunResult result = Run(BlockKind.Poll, "100ms", minThreads: "2", requests: "200", rate: "200");

        ThreadPoolSample atFive = result.Pool!.Samples.Single(s => s.At == TimeSpan.FromSeconds(5));
        Assert.Equal(0, atFive.Completed);
        Assert.True(atFive.Queued > 150, $"{atFive.Queued} queued at 5 s");
        Assert.Equal(200, result.Statistics.Successes);
        Assert.True(ConcurrencyDemo.Theory.ThreadPoolTheory.For(result.Scenario).Spiral);
    }

    /// <summary>
    /// The tutorial's shape (125 connections, 500 ms calls, 10 s, as bombardier's default run) on 2 and on 16
    /// modelled cores (the tutorial's counters show 16), each mode's requests/s within the window and mean latency.
    /// </summary>
    [Theory]
    [InlineData(BlockKind.Result, 2, 0, 28_252)]
    [InlineData(BlockKind.Sleep, 2, 130, 6_270)]
    [InlineData(BlockKind.Poll, 2, 0, 124_000)]
    [InlineData(BlockKind.Result, 16, 500, 2_021)]
    [InlineData(BlockKind.Sleep, 16, 410, 2_689)]
    [InlineData(BlockKind.Poll, 16, 0, 110_000)]
    public void TutorialShape_TenSecondsOf125Connections(BlockKind block, int cores, long answeredWithin, double meanMs)
    {
        RunResult result = new ScenarioRun(new ScenarioBuilder
        {
            Engine = EngineKind.ThreadPool,
            Clock = ClockKind.Virtual,
            Arrivals = ArrivalPattern.Closed,
            Connections = "125",
            Duration = "10s",
            RequestCount = "100000",
            Latency = "500ms",
            Block = block,
            ProcessorCount = cores,
        }.Build()).Run(CancellationToken.None);

        Assert.Equal(answeredWithin, result.Window!.AnsweredWithin);
        Assert.Equal(meanMs, Math.Round(result.Window.MeanLatency!.Value.TotalMilliseconds));
        // Polling is the worst: with every thread polling, no completion gets a thread within the 10 s.
        if (block == BlockKind.Poll)
        {
            Assert.Equal(0, result.Window.RequestsPerSecond);
        }
    }
}
