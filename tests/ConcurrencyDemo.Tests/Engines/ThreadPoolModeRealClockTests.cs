using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// The threadpool mode on the real clock: an awaited call completes on the pool (as a socket's does),
/// and the process's pool limits are what they were once a run ends. Short runs only.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class ThreadPoolModeRealClockTests
{
    [Theory]
    [InlineData(TimerKind.Precise)]
    [InlineData(TimerKind.Dotnet)]
    public async Task HoldAsync_WithCompletionsOnThePool_ResumesOnAThreadPoolThread(TimerKind kind)
    {
        using RunTimer timer = RunTimer.For(kind, TimeProvider.System, awaitedCallsOnThreadPool: true);
        bool onPool = false;
        bool completedBeforeAwait = false;
        // Started from a thread that is not the pool's, so only the completion can put it there.
        var thread = new Thread(() =>
        {
            async Task Body()
            {
                // Long enough that the wait is still pending when awaited, even on a busy machine.
                ValueTask hold = timer.HoldAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                completedBeforeAwait = hold.IsCompleted;
                await hold.ConfigureAwait(false);
                onPool = Thread.CurrentThread.IsThreadPoolThread;
            }

            Body().GetAwaiter().GetResult();
        });
        thread.Start();
        thread.Join();
        await Task.CompletedTask;

        Assert.False(completedBeforeAwait);
        Assert.True(onPool, "the awaited call resumed off the thread pool");
    }

    [Fact]
    public void Run_SetsThePoolLimitsForTheRun_AndRestoresThemAfter()
    {
        ThreadPool.GetMinThreads(out int minBefore, out int minIoBefore);
        ThreadPool.GetMaxThreads(out int maxBefore, out int maxIoBefore);
        Scenario scenario = new ScenarioBuilder
        {
            Engine = EngineKind.ThreadPool,
            Rate = "200",
            RequestCount = "40",
            Latency = "2ms",
            PoolMinThreads = (minBefore + 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
            PoolMaxThreads = "300",
        }.Build();

        RunResult result = new ScenarioRun(scenario).Run(CancellationToken.None);

        Assert.Equal(40, result.Statistics.Successes);
        ThreadPool.GetMinThreads(out int minAfter, out int minIoAfter);
        ThreadPool.GetMaxThreads(out int maxAfter, out int maxIoAfter);
        Assert.Equal((minBefore, minIoBefore, maxBefore, maxIoBefore), (minAfter, minIoAfter, maxAfter, maxIoAfter));
    }

    [Fact]
    public void WarmUp_OfAThreadPoolRun_LeavesThePoolAlone()
    {
        // Sync over async at the run's minimum of one thread: a warm-up on the pool itself starved it
        // (11 s on this machine, ending with 58 threads that the measured run then started with).
        Scenario scenario = new ScenarioBuilder
        {
            Engine = EngineKind.ThreadPool,
            Rate = "100",
            RequestCount = "10",
            Latency = "10ms",
            PoolMinThreads = "1",
        }.Build();
        ThreadPool.GetMinThreads(out int minBefore, out _);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        EngineWarmUp.Run(scenario, static (burst, caller) => ScenarioRun.CreateEngine(burst, caller, policy: null, warmUp: true), CancellationToken.None);

        ThreadPool.GetMinThreads(out int minAfter, out _);
        Assert.Equal(minBefore, minAfter);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"warm-up took {watch.Elapsed}");
    }

    [Fact]
    public void Poll_OnTheRealPool_AnswersEveryRequest_WithTwoWorkItemsEach()
    {
        Scenario scenario = Polled(rate: 200, requests: 20, minThreads: 8);

        RunResult result = new ScenarioRun(scenario).Run(CancellationToken.None);

        Assert.Equal(20, result.Statistics.Successes);
        // The request, and the call's completion queued to the pool by the timer: had the timer completed the
        // call on its own thread, the pool would have run about 20.
        long items = result.Pool!.Samples[^1].Completed;
        Assert.True(items >= 40, $"{items} work items for 20 polled requests");
    }

    [Fact]
    public void Poll_WithEveryPoolThreadPolling_NoCallCanComplete()
    {
        // As many requests as the pool may have threads (.NET refuses a maximum below the core count), all
        // polling: the calls' completions wait for a pool thread that never comes. Had the timer completed the
        // calls itself, all would be answered after about 20 ms.
        int threads = Math.Max(2, Environment.ProcessorCount);
        Scenario scenario = Polled(rate: 1000, requests: threads, minThreads: threads, maxThreads: threads);
        using var stop = new CancellationTokenSource();
        // Cancelled from a thread of its own: a CancellationTokenSource's own timer fires on the pool, which is full.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(1500);
            stop.Cancel();
        });
        canceller.Start();

        RunResult result = new ScenarioRun(scenario).Run(stop.Token);
        canceller.Join();

        Assert.True(result.Partial);
        // Once the interrupt abandons a poller, its thread may run the other call's completion: at most that one is answered.
        Assert.True(result.Statistics.Successes < threads, $"{result.Statistics.Successes} of {threads} answered");
        Assert.True(result.Statistics.Successes == 0 || result.Statistics.LastCompletion >= TimeSpan.FromMilliseconds(1500), $"answered at {result.Statistics.LastCompletion}, before the interrupt");
    }

    private static Scenario Polled(int rate, int requests, int minThreads, int? maxThreads = null) => new ScenarioBuilder
    {
        Engine = EngineKind.ThreadPool,
        Rate = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RequestCount = requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Latency = "20ms",
        Block = BlockKind.Poll,
        PoolMinThreads = minThreads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PoolMaxThreads = maxThreads?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Build();
}
