using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// What the article's reasoning predicts for a scenario, from Little's law: a pool of N threads, each
/// held L seconds per call, serves at most N / L calls per second; async holds no thread.
/// The figures come from <see cref="ScenarioTheory"/>; this adds the questions the article asks.
/// </summary>
public static class ArticleTheory
{
    /// <summary>Mean time a call holds its caller: min(latency, timeout) averaged over the endpoints (round robin).</summary>
    public static TimeSpan MeanHold(Scenario scenario) => ScenarioTheory.For(scenario).MeanHold;

    /// <summary>Fraction of calls that succeed: endpoints answering below the timeout.</summary>
    public static double SuccessFraction(Scenario scenario) => ScenarioTheory.For(scenario).SuccessFraction;

    /// <summary>Calls per second a sync pool of <see cref="Scenario.Threads"/> threads can serve: threads / mean hold.</summary>
    public static double SyncCapacity(Scenario scenario) => SyncCapacity(scenario.Threads, MeanHold(scenario));

    /// <summary>threads / hold, in calls per second (infinite when calls hold nothing).</summary>
    public static double SyncCapacity(int threads, TimeSpan meanHold) =>
        meanHold <= TimeSpan.Zero ? double.PositiveInfinity : threads / meanHold.TotalSeconds;

    /// <summary>
    /// Expected successes per second: sync min(rate, capacity) × success fraction; async rate × success fraction.
    /// </summary>
    public static double ExpectedRate(Scenario scenario) => ScenarioTheory.For(scenario).ExpectedSuccessRate;

    /// <summary>Fewest threads that can keep up with <see cref="Scenario.RatePerSecond"/>: ⌈rate × mean hold⌉.</summary>
    public static int MinimumThreads(Scenario scenario) =>
        (int)Math.Ceiling(Math.Round(scenario.RatePerSecond * MeanHold(scenario).TotalSeconds, 9));

    /// <summary>Whether a sync pool is overloaded (rate above capacity), so its queue grows without bound.</summary>
    public static bool Overloaded(Scenario scenario) =>
        scenario.Engine == EngineKind.Sync && scenario.RatePerSecond > SyncCapacity(scenario);
}
