using System.Diagnostics;
using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// The load generator: with the precise timer an open loop is paced on the call timer's own thread
/// (one wake-up for a release and the completions due with it); with .NET's timers on the caller's.
/// Either way every request goes out once, in order, and none after an interruption.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class OpenLoopPacerTests
{
    [Fact]
    public void PreciseTimer_PacesAnOpenLoopOnTheCallTimersThread_InOrder()
    {
        Scenario scenario = TestScenarios.Build(500, 20, "1ms", clock: ClockKind.Real);
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        var released = new List<(long Index, string? Thread)>();

        OpenLoopPacer.Run(new ArrivalSchedule(scenario), new RunClock(timer), r => released.Add((r.Index, Thread.CurrentThread.Name)), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), released.Select(r => r.Index));
        // Where the precise sleep does not exist the timer cannot pace, and the caller does.
        Assert.All(released, r => Assert.Equal(LinuxTimerNative.IsSupported ? "call-timer" : Thread.CurrentThread.Name, r.Thread));
        Assert.Equal(20, timer.Error().Pacer.Count);
    }

    [Fact]
    public void DotnetTimer_PacesOnTheCallersThread()
    {
        Scenario scenario = TestScenarios.Build(500, 10, "1ms", clock: ClockKind.Real);
        using RunTimer timer = RunTimer.For(TimerKind.Dotnet, TimeProvider.System);
        var threads = new List<int>();

        OpenLoopPacer.Run(new ArrivalSchedule(scenario), new RunClock(timer), _ => threads.Add(Environment.CurrentManagedThreadId), CancellationToken.None);

        Assert.Equal(10, threads.Count);
        Assert.All(threads, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
    }

    [Fact]
    public void ADispatchThatBlocks_IsPacedOnTheCallersThread_SoItCannotBlockTheTimer()
    {
        // The threadpool engine's warm-up serves each request inline, blocking for its call: on the
        // timer's thread that call could never be completed (found as a hang of the threadpool tests).
        Scenario scenario = TestScenarios.Build(500, 5, "1ms", clock: ClockKind.Real);
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        var threads = new List<int>();

        OpenLoopPacer.Run(
            new ArrivalSchedule(scenario),
            new RunClock(timer),
            _ =>
            {
                threads.Add(Environment.CurrentManagedThreadId);
                timer.Hold(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            },
            CancellationToken.None,
            dispatchBlocks: true);

        Assert.Equal(5, threads.Count);
        Assert.All(threads, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
    }

    [Theory]
    [InlineData(TimerKind.Precise)]
    [InlineData(TimerKind.Dotnet)]
    public void Interrupted_WhileTheNextRequestIsASecondAway_EndsAtOnce_AndReleasesNoMore(TimerKind kind)
    {
        // One request a second: the first goes out at once, the second is due at 1 s.
        Scenario scenario = TestScenarios.Build(1, 5, "1ms", clock: ClockKind.Real);
        using RunTimer timer = RunTimer.For(kind, TimeProvider.System);
        int released = 0;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        OpenLoopPacer.Run(new ArrivalSchedule(scenario), new RunClock(timer), _ => Interlocked.Increment(ref released), cancel.Token);

        // Without a wake-up on cancellation the pacer would sleep until 1 s and release the second request.
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(800), $"returned after {watch.Elapsed.TotalMilliseconds:0} ms");
        Thread.Sleep(1200);
        Assert.Equal(1, Volatile.Read(ref released));
    }
}
