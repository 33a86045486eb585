using ConcurrencyDemo.Mitigations;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>Polly v8's circuit-breaker states, on exact ticks.</summary>
public sealed class CircuitBreakerTests
{
    private static long S(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    private static void Calls(CircuitBreaker b, int successes, int failures, double atSeconds)
    {
        for (int i = 0; i < successes; i++)
        {
            b.Record(0, succeeded: true, S(atSeconds));
        }

        for (int i = 0; i < failures; i++)
        {
            b.Record(0, succeeded: false, S(atSeconds));
        }
    }

    [Fact]
    public void Opens_OnlyAtMinimumThroughput_AndRatio()
    {
        var b = new CircuitBreaker(BreakerSettings.Default, 1);
        Calls(b, 0, 99, 1);
        Assert.Equal(BreakerState.Closed, b.State[0]); // 99 calls: below the minimum of 100
        Calls(b, 0, 1, 1);
        Assert.Equal(BreakerState.Open, b.State[0]);
    }

    [Fact]
    public void StaysClosed_BelowTheRatio()
    {
        var b = new CircuitBreaker(BreakerSettings.Default, 1);
        Calls(b, 200, 20, 1); // 20 / 220 = 9 % < 10 %
        Assert.Equal(BreakerState.Closed, b.State[0]);
        Calls(b, 0, 3, 1);    // 23 / 223 = 10.3 %
        Assert.Equal(BreakerState.Open, b.State[0]);
    }

    [Fact]
    public void OldWindows_Expire()
    {
        var b = new CircuitBreaker(BreakerSettings.Default, 1);
        Calls(b, 0, 60, 0);
        Calls(b, 0, 60, 31); // the first 60 are more than 30 s old: 60 calls in the window
        Assert.Equal(BreakerState.Closed, b.State[0]);
    }

    [Fact]
    public void Open_FailsFast_ThenOneProbe_WhoseFailureReopens_AndWhoseSuccessCloses()
    {
        var b = new CircuitBreaker(BreakerSettings.Default, 1);
        Calls(b, 0, 100, 1);
        Assert.False(b.TryAcquire(0, S(5.9)));
        Assert.True(b.TryAcquire(0, S(6)));   // the break is over: the probe
        Assert.Equal(BreakerState.HalfOpen, b.State[0]);
        Assert.False(b.TryAcquire(0, S(6.1))); // only one probe at a time
        b.Record(0, succeeded: false, S(7));
        Assert.Equal(BreakerState.Open, b.State[0]);
        Assert.False(b.TryAcquire(0, S(11.9)));
        Assert.True(b.TryAcquire(0, S(12)));
        b.Record(0, succeeded: true, S(12.02));
        Assert.Equal(BreakerState.Closed, b.State[0]);
        Assert.Equal(2, b.Opened[0]);
        Assert.Equal(TimeSpan.FromSeconds(5 + 5), b.TimeOpen(0, S(20)));
    }
}
