using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Theory;

/// <summary>
/// The analytic expectation of a scenario, printed next to what was measured.
/// </summary>
/// <remarks>
/// Little's law: a pool of N threads, each held L seconds per call on average, serves at most N / L
/// calls per second; anything offered above that queues without bound. Requests go round robin, so
/// the mean hold is the mean over endpoints of min(latency, timeout), plus any modelled CPU and
/// dispatch cost. Async holds no thread, so only the CPU (cores / CPU per request) can cap it.
/// </remarks>
/// <param name="MeanHold">Mean time a request holds its thread (sync) or is in flight (async).</param>
/// <param name="CapacityPerSecond">Most requests per second the service can complete; infinity when nothing caps it.</param>
/// <param name="SuccessFraction">Share of requests that go to endpoints answering before the timeout.</param>
/// <param name="ExpectedSuccessRate">min(rate, capacity) × success fraction: the expected "Avg rate".</param>
/// <param name="QueueGrowthPerSecond">How many requests pile up in the queue each second when overloaded (0 otherwise).</param>
/// <param name="ExpectedDuration">About how long until the last request completes.</param>
/// <param name="Bottleneck">What caps the rate, in words.</param>
public sealed record ScenarioTheory(
    TimeSpan MeanHold,
    double CapacityPerSecond,
    double SuccessFraction,
    double ExpectedSuccessRate,
    double QueueGrowthPerSecond,
    TimeSpan ExpectedDuration,
    string Bottleneck)
{
    /// <summary>Computes the expectation for <paramref name="scenario"/>.</summary>
    public static ScenarioTheory For(Scenario scenario)
    {
        IReadOnlyList<TimeSpan> latencies = scenario.EndpointLatencies;
        // Integer ticks, so that 20ms*9,30s gives exactly 3.018 s.
        long meanHoldTicks = (latencies.Sum(l => scenario.HoldTime(l).Ticks) / latencies.Count) + scenario.Costs.CpuPerRequest.Ticks;
        if (scenario.Engine == EngineKind.Sync)
        {
            meanHoldTicks += scenario.Costs.DispatchCost.Ticks;
        }

        double successFraction = latencies.Count(scenario.Succeeds) / (double)latencies.Count;
        double cpuSeconds = scenario.Costs.CpuPerRequest.TotalSeconds;
        double dispatchSeconds = scenario.Costs.DispatchCost.TotalSeconds;

        double capacity = double.PositiveInfinity;
        string bottleneck = "nothing: every request is served as it arrives";
        double meanHoldSeconds = TimeSpan.FromTicks(meanHoldTicks).TotalSeconds;
        if (scenario.Engine == EngineKind.Sync)
        {
            capacity = meanHoldSeconds > 0 ? scenario.Threads / meanHoldSeconds : double.PositiveInfinity;
            bottleneck = $"threads: {scenario.Threads} threads / {meanHoldSeconds:0.####} s mean hold";
            if (dispatchSeconds > 0 && 1 / dispatchSeconds < capacity)
            {
                capacity = 1 / dispatchSeconds;
                bottleneck = "the shared queue's dispatch cost";
            }
        }

        if (cpuSeconds > 0 && scenario.Costs.Cores / cpuSeconds < capacity)
        {
            capacity = scenario.Costs.Cores / cpuSeconds;
            bottleneck = $"CPU: {scenario.Costs.Cores} cores / {cpuSeconds * 1000:0.###} ms per request";
        }

        double served = Math.Min(scenario.RatePerSecond, capacity);
        if (scenario.RatePerSecond <= capacity)
        {
            bottleneck = $"none (capacity {FormatCapacity(capacity)} ≥ offered {scenario.RatePerSecond:0.###}/s)";
        }

        double growth = Math.Max(0, scenario.RatePerSecond - capacity);
        double longestHold = latencies.Max(l => scenario.HoldTime(l).TotalSeconds) + cpuSeconds + dispatchSeconds;
        double durationTicks = (scenario.RequestCount / served + longestHold) * TimeSpan.TicksPerSecond;
        // Saturates rather than overflows: a run of centuries is refused by the guard, not a crash.
        TimeSpan duration = durationTicks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)durationTicks);

        return new ScenarioTheory(
            TimeSpan.FromTicks(meanHoldTicks),
            capacity,
            successFraction,
            served * successFraction,
            growth,
            duration,
            bottleneck);
    }

    private static string FormatCapacity(double capacity) =>
        double.IsPositiveInfinity(capacity) ? "unbounded" : $"{capacity:0.#}/s";
}
