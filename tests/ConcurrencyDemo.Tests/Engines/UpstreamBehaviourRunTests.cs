using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>Latency distributions, slowdown windows and fan-out on the virtual clock: deterministic, asserted exactly.</summary>
public sealed class UpstreamBehaviourRunTests
{
    internal static Scenario Build(string latency, int? threads = null, string? timeout = null, string? fanout = null, int seed = 0, double rate = 1000, long requests = 10_000, ClockKind clock = ClockKind.Virtual, TransportKind? transport = null, params string[] slowdowns)
    {
        ScenarioBuilder builder = TestScenarios.Builder(rate, requests, latency, threads, clock, timeout, "upstream_behaviour", seed: seed);
        builder.Slowdowns = slowdowns;
        builder.Fanout = fanout;
        builder.Transport = transport;
        return builder.Build();
    }

    private static RunStatistics Run(Scenario scenario) => new ScenarioRun(scenario).Run(CancellationToken.None).Statistics;

    [Fact]
    public void Distribution_SameSeedSameRun_OtherSeedOtherRun()
    {
        Scenario scenario = Build("lognormal(p50=20ms,p99=200ms)*10", threads: 40, seed: 1);

        RunStatistics first = Run(scenario);
        RunStatistics again = Run(scenario);
        RunStatistics otherSeed = Run(scenario with { Seed = 2 });

        Assert.Equal(first.LastCompletion, again.LastCompletion);
        Assert.Equal(first.Percentiles.Select(p => p.OverheadMs), again.Percentiles.Select(p => p.OverheadMs));
        Assert.Equal(first.Rate, again.Rate);
        Assert.NotEqual(first.Percentiles.Select(p => p.OverheadMs), otherSeed.Percentiles.Select(p => p.OverheadMs));
    }

    [Fact]
    public void Distribution_SyncPoolQueuesBeforeTheMeanSaysItIsFull()
    {
        // 40 threads / 32.6 ms mean = 1225/s of capacity for 1000/s offered: the mean says no queue,
        // the lognormal's tail queues all the same. Exact, for seed 1.
        RunStatistics s = Run(Build("lognormal(p50=20ms,p99=200ms)*10", threads: 40, seed: 1));

        Assert.Equal(10_000, s.Successes);
        Assert.Equal(0, s.OverheadMsAt(50));
        Assert.Equal(9.119, s.OverheadMsAt(99));
        Assert.Equal(104_139_315, s.LastCompletion.Ticks);
    }

    [Fact]
    public void BlackHoleWindow_Async_FailsExactlyTheCallsThatGoOutInIt()
    {
        // Endpoint 0 of 10 takes every 10th request; 3 s–5 s at 1000 rps is requests 3000–4999: 200 calls.
        RunStatistics s = Run(Build("20ms*10", slowdowns: "0=30s@3-5"));

        Assert.Equal(200, s.Timeouts);
        Assert.Equal(9_800, s.Successes);
        Assert.Equal(0, s.OverheadMsAt(100));
    }

    [Fact]
    public void SlowWindow_Sync_QueuesInTheWindow_AndRecoversAfterIt()
    {
        // all=1s@1-2 at 500 rps: 50 threads hold 1 s each, capacity 50/s while the window lasts.
        RunStatistics s = Run(Build("20ms*4", threads: 50, rate: 500, requests: 2000, slowdowns: "all=1s@1-2"));

        Assert.Equal(2000, s.Successes);
        Assert.Equal(890.367, s.OverheadMsAt(99));
        Assert.Equal(0, s.OverheadMsAt(50));
        // Every request due after the backlog cleared has no overhead again.
        Assert.Equal(0, s.Timeline[^1].P99Ms);
        Assert.True(s.Timeline.Single(t => t.FromSecond == 1).P99Ms > 500);
    }

    [Fact]
    public void LaterWindow_WinsWhereWindowsOverlap()
    {
        RunStatistics s = Run(Build("20ms*10", slowdowns: ["0=30s@3-5", "0=20ms@3-4"]));

        Assert.Equal(100, s.Timeouts); // only 4 s–5 s is still a black hole
    }

    [Theory]
    [InlineData("100", 0.634)] // 1 − 0.99^100
    [InlineData("100/99", 0.264)] // fewer than 99 of 100 fast
    public void Fanout_ShareOfSlowRequests_IsTheClosedForm(string fanout, double closedForm)
    {
        // 1 % of calls take 1 s; the timeout at 500 ms counts a request that waited for one as failed.
        RunStatistics s = Run(Build("mix(10ms,1s@1%)*100", fanout: fanout, timeout: "500ms", requests: 20_000, seed: 1));

        double share = s.Timeouts / 20_000.0;
        Scenario scenario = Build("mix(10ms,1s@1%)*100", fanout: fanout);
        Assert.Equal(closedForm, FanoutTheory.SlowShare(0.01, scenario.Fanout.Calls, scenario.Fanout.Quorum), 3);
        // Binomial sd at 20 000 requests is ≤ 0.0035: 0.015 is over 4 sd.
        Assert.Equal(closedForm, share, tolerance: 0.015);
    }

    [Fact]
    public void Fanout_SyncHoldsItsThreadForTheSlowestCall_AsyncHoldsNone()
    {
        // Every request calls all ten endpoints and so waits 200 ms: 50 threads serve 250/s.
        Scenario sync = Build("20ms*9,200ms", threads: 50, fanout: "10");
        RunStatistics s = Run(sync);
        RunStatistics a = Run(Build("20ms*9,200ms", fanout: "10"));

        Assert.Equal(250, ScenarioTheory.For(sync).CapacityPerSecond, 9);
        Assert.Equal(250, s.Rate.Average, tolerance: 1);
        Assert.Equal(1000, a.Rate.Average, 9);
        Assert.Equal(0, a.OverheadMsAt(100));
    }

    [Fact]
    public void Fanout_Quorum_WaitsForTheQthFastest()
    {
        // 9 of 10 answer in 20 ms: waiting for 9 never meets the 200 ms one.
        Scenario sync = Build("20ms*9,200ms", threads: 50, fanout: "10/9");

        Assert.Equal(TimeSpan.FromMilliseconds(20), ScenarioTheory.For(sync).MeanHold);
        Assert.Equal(1000, Run(sync).Rate.Average, 9);
    }

    [Fact]
    public void ClosedForm_MatchesTheTailAtScaleFigures()
    {
        Assert.Equal(0.634, FanoutTheory.SlowShare(0.01, 100, 100), 3);
        Assert.Equal(0.181, FanoutTheory.SlowShare(0.0001, 2000, 2000), 3);
        Assert.Equal(0.01, FanoutTheory.SlowShare(0.01, 1, 1), 12);
    }
}
