using ConcurrencyDemo.Cli;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Cli;

public sealed class ProgressLineTests
{
    [Fact]
    public void Format_ShowsCountsLiveRateAgainstOfferedElapsedAndRemaining()
    {
        string line = ProgressLine.Format(940, 900, 10, 1000, 998, 1000, TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(4));

        Assert.Equal("sent 940/1000 · done 900 · timed out 10 · 998/s of 1000/s · 1:05, ~0:04 left", line);
    }

    [Fact]
    public void Format_OfAClosedLoopWithoutARate_HasNoOfferedRate_AndOfADuration_NoTotal()
    {
        string line = ProgressLine.Format(940, 900, 10, total: null, 998, double.PositiveInfinity, TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(4));

        Assert.Equal("sent 940 · done 900 · timed out 10 · 998/s · 1:05, ~0:04 left", line);
    }

    [Fact]
    public void AClosedLoopWithoutARate_IsShownWhenItsTheoryTakesLong_AsAnOpenLoopIsByItsLoad()
    {
        // No rate: the load has no schedule (LoadDuration 0); 1000 requests over 5 connections of 100 ms take about 20 s.
        Scenario closed = new ScenarioBuilder { RequestCount = "1000", Latency = "100ms", Engine = EngineKind.Async, Arrivals = ArrivalPattern.Closed, Connections = "5" }.Build();
        Scenario quick = new ScenarioBuilder { RequestCount = "10", Latency = "100ms", Engine = EngineKind.Async, Arrivals = ArrivalPattern.Closed, Connections = "5" }.Build();

        Assert.True(ProgressLine.WorthShowing(closed));
        Assert.False(ProgressLine.WorthShowing(quick));
        Assert.False(ProgressLine.WorthShowing(closed with { Clock = ClockKind.Virtual }));
        Assert.True(ProgressLine.WorthShowing(E3(ClockKind.Real)));
    }

    [Fact]
    public void ALongRealClockRun_IsToldOnceAboutTheVirtualClock()
    {
        string? hint = ProgressLine.LongRunHint(E3(ClockKind.Real));

        Assert.NotNull(hint);
        Assert.Contains("--clock virtual", hint, StringComparison.Ordinal);
        Assert.Contains("min", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortOrVirtualRuns_GetNoHint()
    {
        Assert.Null(ProgressLine.LongRunHint(E3(ClockKind.Virtual)));
        Assert.Null(ProgressLine.LongRunHint(new ScenarioBuilder { Rate = "1000", RequestCount = "10000", Latency = "20ms*10", Engine = EngineKind.Async }.Build()));
    }

    private static Scenario E3(ClockKind clock) => new ScenarioBuilder
    {
        Rate = "1000",
        RequestCount = "10000",
        Latency = "20ms*9,30s",
        Engine = EngineKind.Sync,
        Threads = "50",
        Clock = clock,
    }.Build();
}
