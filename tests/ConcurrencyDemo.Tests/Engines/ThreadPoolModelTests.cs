using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// The virtual model of the .NET ThreadPool: its injection timelines follow the runtime's rules
/// (PortableThreadPool.GateThread.cs, PortableThreadPool.Blocking.cs) exactly, on 2 modelled cores.
/// </summary>
public sealed class ThreadPoolModelTests
{
    private static RunResult Run(BlockKind block, string requests = "2000", string? minThreads = null, string rate = "200") =>
        new ScenarioRun(new ScenarioBuilder
        {
            Engine = EngineKind.ThreadPool,
            Clock = ClockKind.Virtual,
            Rate = rate,
            RequestCount = requests,
            Latency = "100ms",
            Block = block,
            PoolMinThreads = minThreads,
            ProcessorCount = 2,
        }.Build()).Run(CancellationToken.None);

    private static int ThreadsAt(RunResult result, int second) => result.Pool!.Samples.Single(s => s.At == TimeSpan.FromSeconds(second)).Threads;

    [Fact]
    public void Sleep_StarvationDetectionAddsOneThreadPerSecond()
    {
        // Waits the pool cannot see: only the gate thread adds threads, one per 500 ms period in which
        // no thread started dispatching; the thread it adds starts dispatching, which holds off the next
        // period: one thread a second from the minimum of 2, until the 20 the load needs (200/s × 0.1 s).
        RunResult result = Run(BlockKind.Sleep);

        for (int second = 1; second <= 18; second++)
        {
            Assert.Equal(2 + second, ThreadsAt(result, second));
        }

        Assert.Equal(20, result.Pool!.PeakThreads);
        Assert.Null(result.Pool.KeptUpAt);
        Assert.Equal(2000, result.Statistics.Successes);
    }

    [Fact]
    public void Result_BlockingInjectionThenTheSpiral()
    {
        // Waits the pool sees: the goal jumps to min + cores = 4, then one thread after each delay of
        // (1 + (goal − 4) / 2) × 25 ms: 25, 25, 50, 50, 75, 75, … ms, so 15 threads by 1 s and 20 by 2 s
        // (the sums 25·(1+1+2+2+3+3+4+4+5+5+6) and onwards), then the 250 ms cap: 4 threads a second.
        // No completion gets a thread meanwhile: each is queued behind every request that came before it.
        RunResult result = Run(BlockKind.Result, requests: "600");

        Assert.Equal(15, ThreadsAt(result, 1));
        Assert.Equal(20, ThreadsAt(result, 2));
        for (int second = 3; second <= 40; second++)
        {
            Assert.Equal(4, ThreadsAt(result, second) - ThreadsAt(result, second - 1));
        }

        Assert.Equal(0, result.Pool!.Samples.Single(s => s.At == TimeSpan.FromSeconds(2)).Completed);
        Assert.Null(result.Pool.KeptUpAt);
        Assert.Equal(600, result.Statistics.Successes);
    }

    [Fact]
    public void Result_WithTheThreadsItNeedsAsMinimum_KeepsUpFromTheStart()
    {
        // 20 threads are blocked at once, and a completion needs a thread of its own for a moment.
        RunResult result = Run(BlockKind.Result, requests: "1000", minThreads: "25");

        Assert.Equal(TimeSpan.Zero, result.Pool!.KeptUpAt);
        Assert.InRange(result.Pool.PeakThreads, 21, 25);
        Assert.Equal(200.0, result.Statistics.Rate.Average);
    }

    [Fact]
    public void KeptUp_OfALoadShorterThanASecond_IsJudgedByTheQueueItLeft()
    {
        // 400 requests in 0.4 s: only the sample at 0 falls within the load, and its queue was empty.
        RunResult result = Run(BlockKind.Result, requests: "400", rate: "1000");

        Assert.Null(result.Pool!.KeptUpAt);
    }

    [Fact]
    public void Model_IsDeterministic()
    {
        RunResult first = Run(BlockKind.Sleep, requests: "500");
        RunResult second = Run(BlockKind.Sleep, requests: "500");

        Assert.Equal(first.Pool!.Samples, second.Pool!.Samples);
        Assert.Equal(first.Statistics.LastCompletion, second.Statistics.LastCompletion);
    }

    [Theory]
    [InlineData(BlockKind.Sleep, null, 18_000, false)]   // 18 threads from 2 to 20, one a second
    [InlineData(BlockKind.Result, null, 1_800, true)]    // 4 at once, then 25+25+50+50+…+200 ms to 20, with a backlog
    [InlineData(BlockKind.Result, "25", 0, false)]       // the minimum already covers the 20 needed
    public void Theory_RampAndSpiral(BlockKind block, string? minThreads, double rampMs, bool spiral)
    {
        Scenario scenario = new ScenarioBuilder
        {
            Engine = EngineKind.ThreadPool,
            Clock = ClockKind.Virtual,
            Rate = "200",
            RequestCount = "2000",
            Latency = "100ms",
            Block = block,
            PoolMinThreads = minThreads,
            ProcessorCount = 2,
        }.Build();

        ConcurrencyDemo.Theory.ThreadPoolTheory theory = ConcurrencyDemo.Theory.ThreadPoolTheory.For(scenario);

        Assert.Equal(20, theory.ThreadsNeeded);
        Assert.Equal(rampMs, theory.RampTime!.Value.TotalMilliseconds, 6);
        Assert.Equal(spiral, theory.Spiral);
    }
}
