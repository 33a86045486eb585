using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// Slowdown windows and distributions on the real clock, with both transports: the loopback servers
/// follow the same schedule as the model. Short runs; counts depend on which request falls in the
/// window, so only a request due within milliseconds of an edge can land on the other side.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class UpstreamBehaviourRealClockTests
{
    [Theory]
    [InlineData(EngineKind.Async, TransportKind.Model)]
    [InlineData(EngineKind.Sync, TransportKind.Model)]
    [InlineData(EngineKind.Async, TransportKind.Http)]
    [InlineData(EngineKind.Sync, TransportKind.Http)]
    [InlineData(EngineKind.ThreadPool, TransportKind.Model)]
    public void BlackHoleWindow_FailsTheCallsThatReachItsEndpointInIt(EngineKind engine, TransportKind transport)
    {
        // 200 rps to 2 endpoints for 2 s; endpoint 0 is a black hole from 1 s to 1.5 s: requests
        // 200–299 are due then and the even ones go to it, 50 calls (virtual clock: exactly 50).
        Scenario scenario = UpstreamBehaviourRunTests.Build(
            "20ms*2",
            threads: engine == EngineKind.Sync ? 60 : null,
            timeout: "200ms",
            rate: 200,
            requests: 400,
            clock: ClockKind.Real,
            transport: transport,
            slowdowns: "0=5s@1-1.5");
        if (engine == EngineKind.ThreadPool)
        {
            // 64 pool threads from the start: ample for the 4 calls in flight, and for the 40 the window holds.
            scenario = scenario with { Engine = EngineKind.ThreadPool, Pool = new ThreadPoolSettings(BlockKind.Result, 64, ThreadPoolSettings.MaxPossibleThreads, Environment.ProcessorCount) };
        }

        RunStatistics s = new ScenarioRun(scenario).Run(CancellationToken.None).Statistics;
        RunStatistics model = new ScenarioRun(scenario with { Clock = ClockKind.Virtual, Transport = TransportKind.Model }).Run(CancellationToken.None).Statistics;

        Assert.Equal(50, model.Timeouts);
        // A window a second off, or not applied, gives 0; a few edge calls may fall either side.
        Assert.InRange(s.Timeouts, 45, 55);
        Assert.Equal(400, s.Successes + s.Failures);
    }

    [Theory]
    [InlineData(EngineKind.Async)]
    [InlineData(EngineKind.Sync)]
    public void Distribution_OverHttp_ServersDrawTheLatencyTheClientExpects(EngineKind engine)
    {
        // If a server drew its own latency, half the calls would come back before the latency the
        // client measures against (early) and the other half tens of ms late.
        Scenario scenario = UpstreamBehaviourRunTests.Build(
            "uniform(10ms,90ms)*4", threads: engine == EngineKind.Sync ? 60 : null, timeout: "5s", rate: 200, requests: 300, seed: 5, clock: ClockKind.Real, transport: TransportKind.Http);

        RunStatistics s = new ScenarioRun(scenario).Run(CancellationToken.None).Statistics;

        Assert.Equal(300, s.Successes);
        Assert.Equal(0, s.EarlyCompletions);
        Assert.True(s.OverheadMsAt(50) < 10, $"p50 overhead {s.OverheadMsAt(50)} ms");
    }

    [Fact]
    public void Fanout_SyncHoldsItsThreadForTheSlowestCall_OnTheRealClockToo()
    {
        // Every request waits for its 200 ms call: 10 threads serve 50/s, so 100 requests offered at
        // 100/s: the last starts at 1.89 s (ten rounds of 0.2 s) and ends at 2.09 s; without the fan-out, near 1 s.
        Scenario scenario = UpstreamBehaviourRunTests.Build("20ms*9,200ms", threads: 10, fanout: "10", rate: 100, requests: 100, clock: ClockKind.Real);

        RunStatistics real = new ScenarioRun(scenario).Run(CancellationToken.None).Statistics;
        RunStatistics model = new ScenarioRun(scenario with { Clock = ClockKind.Virtual }).Run(CancellationToken.None).Statistics;

        Assert.Equal(TimeSpan.FromSeconds(2.09), model.LastCompletion);
        Assert.Equal(100, real.Successes);
        // Late timers only add time; a fan-out that held threads for the mean, not the slowest, ends near 1 s.
        Assert.InRange(real.LastCompletion.TotalSeconds, 2.09, 2.5);
    }
}
