using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// Slowdowns, fan-out, distributions and upstream capacity in the threadpool model: each call's latency
/// is decided when a pool thread runs its work item, as in the other modes. With a pool that never runs
/// short and waits it cannot see, the model must give exactly what async gives.
/// </summary>
public sealed class ThreadPoolUpstreamBehaviourTests
{
    [Theory]
    [InlineData("20ms*4", null, "0=5s@1-1.5", null)]
    [InlineData("20ms*4", "3", null, null)]
    [InlineData("20ms*4", "4/3", null, null)]
    [InlineData("lognormal(p50=20ms,p99=200ms)*4", null, null, null)]
    [InlineData("20ms*4", null, null, "2")]
    public void APoolThatNeverRunsShort_GivesExactlyTheAsyncResult(string latency, string? fanout, string? slowdown, string? capacity)
    {
        ScenarioBuilder builder = TestScenarios.Builder(400, 1_000, latency, timeout: "200ms", seed: 3);
        builder.Fanout = fanout;
        builder.Slowdowns = slowdown is null ? [] : [slowdown];
        builder.UpstreamCapacity = capacity;
        Scenario async = builder.Build();
        builder.Engine = EngineKind.ThreadPool;
        builder.Block = BlockKind.Sleep;
        builder.PoolMinThreads = "1000";
        Scenario pool = builder.Build();

        RunResult a = new ScenarioRun(async).Run(CancellationToken.None);
        RunResult p = new ScenarioRun(pool).Run(CancellationToken.None);

        Assert.Equal(a.Statistics.Successes, p.Statistics.Successes);
        Assert.Equal(a.Statistics.Timeouts, p.Statistics.Timeouts);
        Assert.Equal(a.Statistics.Rate, p.Statistics.Rate);
        Assert.Equal(a.Statistics.Percentiles, p.Statistics.Percentiles);
        Assert.Equal(a.Statistics.LastCompletion, p.Statistics.LastCompletion);
    }
}
