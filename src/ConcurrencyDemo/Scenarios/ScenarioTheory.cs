namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// What theory predicts for a scenario on an ideal machine, from Little's law: a pool of N threads,
/// each held L seconds per call, serves at most N / L calls per second, and anything offered above
/// that queues without bound. Used to refuse runs that would take hours, and to print next to
/// measured results.
/// </summary>
/// <remarks>
/// Requests go to the endpoints round robin, so over a run every endpoint gets the same share and
/// averages over endpoints are averages over requests. The model costs of the virtual clock
/// (<see cref="ModelCosts"/>) are not part of this theory.
/// </remarks>
public static class ScenarioTheory
{
    /// <summary>
    /// The mean time a call holds its caller: min(latency, timeout) averaged over the endpoints.
    /// </summary>
    public static TimeSpan MeanHoldTime(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        decimal totalTicks = 0;
        foreach (TimeSpan latency in scenario.EndpointLatencies)
        {
            totalTicks += scenario.HoldTime(latency).Ticks;
        }

        return TimeSpan.FromTicks((long)Math.Round(totalTicks / scenario.EndpointLatencies.Count));
    }

    /// <summary>
    /// Calls per second the service can complete: threads / mean hold time (Little's law) for sync;
    /// unbounded (<see cref="double.PositiveInfinity"/>) for async, which holds no thread while waiting,
    /// and for a zero mean hold time.
    /// </summary>
    public static double SyncCapacityPerSecond(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Engine != EngineKind.Sync)
        {
            return double.PositiveInfinity;
        }

        double holdSeconds = MeanHoldTime(scenario).TotalSeconds;
        return holdSeconds > 0 ? scenario.Threads / holdSeconds : double.PositiveInfinity;
    }

    /// <summary>The share of requests that succeed: endpoints whose latency is below the timeout, over all endpoints (0..1).</summary>
    public static double SuccessFraction(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int succeeding = scenario.EndpointLatencies.Count(scenario.Succeeds);
        return (double)succeeding / scenario.EndpointLatencies.Count;
    }

    /// <summary>Successes per second in the steady state: min(rate, capacity) × success fraction.</summary>
    public static double ExpectedSuccessRate(Scenario scenario) =>
        Math.Min(scenario.RatePerSecond, SyncCapacityPerSecond(scenario)) * SuccessFraction(scenario);

    /// <summary>How fast the sync queue grows, in requests per second: max(0, rate − capacity). 0 for async.</summary>
    public static double QueueGrowthPerSecond(Scenario scenario) =>
        Math.Max(0, scenario.RatePerSecond - SyncCapacityPerSecond(scenario));

    /// <summary>
    /// About how long the run takes from its start to its last completion: num_req / capacity when
    /// the rate is above the capacity (the queue drains at the capacity), else num_req / rate, plus
    /// the longest hold (the last request's own call). Saturates at <see cref="TimeSpan.MaxValue"/>.
    /// </summary>
    public static TimeSpan ExpectedDuration(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        double served = Math.Min(scenario.RatePerSecond, SyncCapacityPerSecond(scenario));
        double seconds = scenario.RequestCount / served;
        TimeSpan longestHold = scenario.EndpointLatencies.Max(scenario.HoldTime);
        double ticks = (seconds * TimeSpan.TicksPerSecond) + longestHold.Ticks;
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }
}
