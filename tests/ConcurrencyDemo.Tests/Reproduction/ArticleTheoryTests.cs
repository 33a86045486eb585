using ConcurrencyDemo.Reproduction;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Reproduction;

public sealed class ArticleTheoryTests
{
    private static Scenario Build(string rate, string latency, EngineKind engine, string? threads) => new ScenarioBuilder
    {
        Rate = rate,
        RequestCount = "10000",
        Latency = latency,
        Engine = engine,
        Threads = threads,
        Clock = ClockKind.Virtual,
    }.Build();

    [Fact]
    public void E5_SyncCapacityIsThreadsOverLatency()
    {
        Scenario s = Build("1000", "60ms*10", EngineKind.Sync, "50");
        Assert.Equal(833.33, ArticleTheory.SyncCapacity(s), 2);
        Assert.Equal(833.33, ArticleTheory.ExpectedRate(s), 2);
        Assert.True(ArticleTheory.Overloaded(s));
    }

    [Fact]
    public void E3_HoldIsCappedByTimeoutAndFailuresAreNotCounted()
    {
        Scenario sync = Build("1000", "20ms*9,30s", EngineKind.Sync, "50");
        Scenario async = Build("1000", "20ms*9,30s", EngineKind.Async, null);
        Assert.Equal(TimeSpan.FromMilliseconds(3018), ArticleTheory.MeanHold(sync));
        Assert.Equal(0.9, ArticleTheory.SuccessFraction(sync), 9);
        Assert.Equal(50 / 3.018 * 0.9, ArticleTheory.ExpectedRate(sync), 6);
        Assert.Equal(900, ArticleTheory.ExpectedRate(async), 6);
    }

    [Fact]
    public void E8_MinimumThreadsIsRateTimesHold()
    {
        Assert.Equal(200, ArticleTheory.MinimumThreads(Build("10000", "20ms*10", EngineKind.Sync, "1")));
        Assert.Equal(2500, ArticleTheory.SyncCapacity(Build("1000", "20ms*10", EngineKind.Sync, "50")), 6);
    }

    [Fact]
    public void EndpointsAtTheTimeoutHoldForTheTimeoutOnly()
    {
        Scenario s = new ScenarioBuilder { Rate = "10", RequestCount = "10", Latency = "1m", Timeout = "1s", Engine = EngineKind.Sync, Threads = "2" }.Build();
        Assert.Equal(TimeSpan.FromSeconds(1), ArticleTheory.MeanHold(s));
        Assert.Equal(0, ArticleTheory.ExpectedRate(s));
    }
}
