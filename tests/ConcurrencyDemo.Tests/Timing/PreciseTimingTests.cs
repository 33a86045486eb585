using System.Diagnostics;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Timing;

/// <summary>
/// The precise timer: waits never end early, end within a fraction of a millisecond (where the OS
/// allows it), and an abandoned wait ends at once. Real clock, so bounds are wide enough for a busy
/// machine but still broken by whole-millisecond rounding, the defect this timer exists to remove.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class PreciseTimingTests
{
    [Fact]
    public void Hold_EndsWithinAFractionOfAMillisecond_NeverEarly()
    {
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        var lateness = new List<double>();
        for (int i = 0; i < 60; i++)
        {
            // Fractional milliseconds: rounding up to whole ones would add 0.3–0.7 ms to each.
            TimeSpan hold = TimeSpan.FromMicroseconds(1300 + (i % 5) * 100);
            long start = Stopwatch.GetTimestamp();
            timer.Hold(hold, CancellationToken.None);
            lateness.Add((Stopwatch.GetElapsedTime(start) - hold).TotalMilliseconds);
        }

        Assert.All(lateness, late => Assert.True(late >= 0, $"ended {-late} ms early"));
        if (LinuxTimerNative.IsSupported)
        {
            lateness.Sort();
            double median = lateness[lateness.Count / 2];
            Assert.True(median < 0.3, $"median lateness {median} ms");
        }

        InstrumentError error = timer.Error();
        Assert.Equal(60, error.Calls.Count);
        Assert.Equal(0, error.Calls.Early);
    }

    /// <summary>
    /// A blocked thread sleeps in the kernel until its call is due and is woken by the kernel, as a
    /// thread blocked on a socket is; before, the timer's thread woke it, two wake-ups in a row (the
    /// sync calls' p99 lateness was 2.4 times the awaited calls' in the same hour), and a blocked call
    /// waited behind whatever that thread was doing.
    /// </summary>
    [Fact]
    public async Task Hold_WhileTheTimersThreadIsBusy_EndsOnTime()
    {
        if (!LinuxTimerNative.IsSupported)
        {
            return; // the fallback blocks through the timer's thread
        }

        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        using var busy = new ManualResetEventSlim();
        string? busyThread = null;
        Task occupy = Task.Run(async () =>
        {
            await timer.HoldAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            // An awaited call's continuation runs on the timer's thread: keep it there for 300 ms.
            busyThread = Thread.CurrentThread.Name;
            busy.Set();
            long until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3 / 10;
            while (Stopwatch.GetTimestamp() < until)
            {
            }
        });
        Assert.True(busy.Wait(TimeSpan.FromSeconds(10)), "the awaited call never ended");
        Assert.Equal("call-timer", busyThread);

        var watch = Stopwatch.StartNew();
        timer.Hold(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        TimeSpan held = watch.Elapsed;
        await occupy;

        // Woken through the busy thread it would end about 300 ms after it began.
        Assert.True(held < TimeSpan.FromMilliseconds(150), $"a 10 ms hold took {held.TotalMilliseconds:0.0} ms");
    }

    [Fact]
    public async Task HoldAsync_AbandonedMidWait_EndsAtOnceCancelled()
    {
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        using var abandon = new CancellationTokenSource();
        ValueTask wait = timer.HoldAsync(TimeSpan.FromSeconds(30), abandon.Token);
        var watch = Stopwatch.StartNew();

        abandon.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await wait);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Hold_AbandonedMidWait_ThrowsOperationCanceled()
    {
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        using var abandon = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();

        Assert.ThrowsAny<OperationCanceledException>(() => timer.Hold(TimeSpan.FromSeconds(30), abandon.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void SleepUntil_ReturnsAtOnceOnCancellation()
    {
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();

        timer.SleepUntil(timer.GetTimestamp() + timer.ToTimestampTicks(TimeSpan.FromSeconds(30)), cancel.Token);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}
