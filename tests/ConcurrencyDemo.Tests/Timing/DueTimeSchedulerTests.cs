using System.Diagnostics;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Timing;

public sealed class DueTimeSchedulerTests
{
    [Fact]
    public async Task After_NeverCompletesEarly_InAnyOrderOfArrival()
    {
        using var answers = new DueTimeScheduler("test");
        long start = Stopwatch.GetTimestamp();
        int[] delaysMs = [40, 10, 30, 20, 0];

        TimeSpan[] finished = await Task.WhenAll(delaysMs.Select(async ms =>
        {
            await answers.After(TimeSpan.FromMilliseconds(ms));
            return Stopwatch.GetElapsedTime(start);
        }));

        for (int i = 0; i < delaysMs.Length; i++)
        {
            Assert.True(finished[i] >= TimeSpan.FromMilliseconds(delaysMs[i]), $"{delaysMs[i]} ms wait ended after {finished[i]}");
            // Generous: only catches a wait that is lost or serialised behind the others.
            Assert.True(finished[i] < TimeSpan.FromMilliseconds(delaysMs[i] + 1000), $"{delaysMs[i]} ms wait ended after {finished[i]}");
        }
    }

    [Fact]
    public void Dispose_StopsItsThread()
    {
        var answers = new DueTimeScheduler("test");
        _ = answers.After(TimeSpan.FromHours(1));

        var watch = Stopwatch.StartNew();
        answers.Dispose();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AwaitedCall_ResumesOnTheTimerThread_WithoutAThreadPoolHop()
    {
        // Like .NET's sockets with inline completions: the thread that learns a call is done runs
        // what awaited it. A hop through the pool cost a pool-thread wake-up per call (E7: 69 µs of
        // CPU per request with it, 39 µs without) and its scheduling delay.
        using var scheduler = new DueTimeScheduler("call-timer-test");

        string? resumedOn = await Task.Run(async () =>
        {
            // Due well after the await starts, even on a busy machine: a wait already due completes
            // synchronously and proves nothing.
            await scheduler.AwaitAt(Stopwatch.GetTimestamp() + DueTimeScheduler.TimestampTicks(TimeSpan.FromMilliseconds(200))).ConfigureAwait(false);
            return Thread.CurrentThread.Name;
        });

        Assert.Equal("call-timer-test", resumedOn);
    }
}
