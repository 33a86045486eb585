using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Theory;

/// <summary>
/// Closed forms for retries and hedging over fixed endpoint latencies, each call picking its endpoint at
/// random (a retry or hedge among the endpoints other than the one just tried): the mean time a request
/// holds its thread, the share that succeeds and the extra calls.
/// </summary>
/// <remarks>
/// With f the share of failing endpoints (latency ≥ timeout) and g = (failing − 1) / (endpoints − 1) the
/// chance that a retry meets another: a request fails only when its first call and all r retries fail,
/// f·g^r; it makes f(1 − g^(r+1)) / (1 − g) failed calls on average, each holding the timeout.
/// A retry budget caps retries per request at P % + (10 per second) / (requests started per second), Finagle's reserve; when
/// the demand is above that, the retries it allows each succeed with 1 − g.
/// Hedging after D: a first call with latency L ≥ D gets a second call to another endpoint, and the
/// request holds min(L, D + L₂) (each capped at the timeout), succeeding if either answers in time.
/// Round robin's turns interleave with retries and hedges in a way that depends on timing, so for it
/// these random-pick figures are an approximation; other balancers have no closed form here.
/// </remarks>
internal static class RetryAndHedgeTheory
{
    /// <summary>
    /// <paramref name="plain"/> (the scenario's theory without mitigations) adjusted for its retries and
    /// hedging; null when no closed form applies (distributions, a fan-out, CPU or dispatch costs, or
    /// per-call mitigations besides the balancer).
    /// </summary>
    public static ScenarioTheory? Adjust(Scenario scenario, ScenarioTheory plain)
    {
        MitigationSettings m = scenario.Mitigations;
        IReadOnlyList<TimeSpan> latencies = scenario.EndpointLatencies;
        if ((m.Retries == 0 && m.HedgeAfter is null) || m.Ejection is not null || m.Breaker is not null || m.Bulkhead is not null
            || m.Balancer is not (BalancerKind.Random or BalancerKind.RoundRobin)
            || scenario.EndpointDistributions.Count > 0 || scenario.Slowdowns.Count > 0 || scenario.Fanout != Fanout.None
            || scenario.Costs.CpuPerRequest > TimeSpan.Zero || scenario.Costs.DispatchCost > TimeSpan.Zero || latencies.Count < 2)
        {
            return null;
        }

        double timeout = scenario.Timeout.TotalSeconds;
        double Hold(TimeSpan latency) => scenario.HoldTime(latency).TotalSeconds;

        // The first attempt, hedged or not: its mean hold, its chance of success, its calls.
        double firstHold = 0, firstSuccess = 0, hedges = 0;
        int n = latencies.Count;
        foreach (TimeSpan first in latencies)
        {
            if (m.HedgeAfter is not { } after || first < after)
            {
                firstHold += Hold(first) / n;
                firstSuccess += scenario.Succeeds(first) ? 1.0 / n : 0;
                continue;
            }

            hedges += 1.0 / n;
            double d = after.TotalSeconds;
            // The hedge goes to one of the other endpoints, each equally likely.
            bool skipped = false;
            foreach (TimeSpan second in latencies)
            {
                if (!skipped && second == first)
                {
                    skipped = true; // the endpoint just tried (one of those with this latency)
                    continue;
                }

                bool firstOk = scenario.Succeeds(first), secondOk = scenario.Succeeds(second);
                double answer = (firstOk, secondOk) switch
                {
                    (true, true) => Math.Min(Hold(first), d + Hold(second)),
                    (true, false) => Hold(first),
                    (false, true) => d + Hold(second),
                    _ => Math.Max(Hold(first), d + Hold(second)), // both fail: the later failure answers
                };
                double weight = 1.0 / n / (n - 1);
                firstHold += answer * weight;
                firstSuccess += firstOk || secondOk ? weight : 0;
            }
        }

        // Retries after a failed first attempt: each to another endpoint, failing with g.
        int failing = latencies.Count(l => !scenario.Succeeds(l));
        double g = (failing - 1) / (double)(n - 1);
        double liveMean = failing == n ? 0 : latencies.Where(scenario.Succeeds).Average(l => l.TotalSeconds);
        double firstFail = 1 - firstSuccess;
        double retries = 0, retriedSuccess = 0, retryHold = 0;
        double reach = firstFail; // chance a request needs retry k
        for (int k = 1; k <= m.Retries; k++)
        {
            retries += reach;
            retriedSuccess += reach * (1 - g);
            retryHold += reach * ((1 - g) * liveMean + g * timeout);
            reach *= g;
        }

        // A budget pays out per request started: P % of them, plus its reserve of 10 a second, which is a
        // larger share when fewer requests start (an overloaded pool starts them at its capacity).
        double wanted = retries;
        double meanHold = firstHold + retryHold;
        double success = firstSuccess + retriedSuccess;
        double capacity = double.PositiveInfinity;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            capacity = scenario.Engine == EngineKind.Sync ? scenario.Threads / meanHold : double.PositiveInfinity;
            if (m.RetryBudget is not { } budget || wanted == 0)
            {
                break;
            }

            double allowed = (budget.Percent / 100) + (budget.MinPerSecond / Math.Min(scenario.RatePerSecond, capacity));
            double scale = Math.Min(1, allowed / wanted);
            retries = wanted * scale;
            meanHold = firstHold + (retryHold * scale);
            success = firstSuccess + (retriedSuccess * scale);
        }

        string budgetNote = retries < wanted ? $"; the budget allows {retries:0.####} retries per request of the {wanted:0.####} wanted" : "";
        double served = Math.Min(scenario.RatePerSecond, capacity);
        string bottleneck = scenario.RatePerSecond <= capacity
            ? $"none (capacity {(double.IsPositiveInfinity(capacity) ? "unbounded" : $"{capacity:0.#}/s")} ≥ offered {scenario.RatePerSecond:0.###}/s)"
            : $"threads: {scenario.Threads} threads / {meanHold:0.####} s mean hold, retries and hedges included";
        string picks = m.Balancer == BalancerKind.RoundRobin ? "random picks' closed form (round robin's turns shift with each retry or hedge, so it is near this)" : "random picks' closed form";
        return plain with
        {
            MeanHold = TimeSpan.FromSeconds(meanHold),
            CapacityPerSecond = capacity,
            SuccessFraction = success,
            ExpectedSuccessRate = served * success,
            QueueGrowthPerSecond = Math.Max(0, scenario.RatePerSecond - capacity),
            Bottleneck = bottleneck,
            ExtraLoadPercent = 100 * (retries + hedges),
            MitigationNote = $"{picks}: {success:0.##%} succeed, {100 * (retries + hedges):0.##} % extra calls ({100 * retries:0.##} % retries, {100 * hedges:0.##} % hedges){budgetNote}",
        };
    }
}
