using System.Diagnostics;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Timing;

/// <summary>
/// .NET's own timers (<c>--timer dotnet</c>) are kept to show what they add: they may be late, but a
/// modelled call must never end before its latency, or the run reports less overhead than there was.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class DotnetTimerTests
{
    [Fact]
    public async Task HoldAsync_FractionalMillisecondsLeft_NeverEndsEarly()
    {
        // Task.Delay truncates a TimeSpan to whole milliseconds: 0.9998 ms left became a 0 ms delay,
        // and a 20 ms call that had 19.99 ms left waited 19 ms.
        using RunTimer timer = RunTimer.For(TimerKind.Dotnet, TimeProvider.System);
        var elapsed = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            TimeSpan hold = TimeSpan.FromMicroseconds(1000 + (i % 4) * 250);
            long start = Stopwatch.GetTimestamp();
            await timer.HoldAsync(hold, CancellationToken.None);
            elapsed.Add((Stopwatch.GetElapsedTime(start) - hold).TotalMilliseconds);
        }

        // Not zero: Task.Delay takes its due time from a coarse clock, so now and then (a few in a hundred
        // here) it ends early by itself; the run counts those in its "early" note. Truncation made all early.
        int early = elapsed.Count(late => late < 0);
        Assert.True(early <= 5, $"{early} of 20 ended early: {string.Join(", ", elapsed.Select(l => l.ToString("0.000")))} ms");
        Assert.True(timer.Error().Calls.Early <= 5, $"{timer.Error().Calls.Early} of 20 recorded as early");
    }

    [Fact]
    public void Hold_FractionalMillisecondsLeft_NeverEndsEarly()
    {
        using RunTimer timer = RunTimer.For(TimerKind.Dotnet, TimeProvider.System);
        for (int i = 0; i < 20; i++)
        {
            timer.Hold(TimeSpan.FromMicroseconds(1000 + (i % 4) * 250), CancellationToken.None);
        }

        Assert.Equal(0, timer.Error().Calls.Early);
    }
}
