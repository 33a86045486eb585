using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Theory;

/// <summary>
/// The analytic expectation of a scenario, printed next to what was measured. The one theory of the
/// tool: the summary, sweeps and <c>reproduce</c> all read it.
/// </summary>
/// <remarks>
/// Little's law: a pool of N threads, each held L seconds per call on average, serves at most N / L
/// calls per second; anything offered above that queues without bound. Requests go round robin, so
/// the mean hold is the mean over endpoints of min(latency, timeout), plus any modelled CPU and
/// dispatch cost. A dispatch costs the worker its time: the worker itself takes the request off the
/// shared queue, one hand-off at a time, so it is held for dispatch + CPU + call, and the queue hands
/// out at most 1 / dispatch requests per second (the simulator models exactly this). Async holds no
/// thread, so only the CPU (cores / CPU per request) can cap it.
/// </remarks>
/// <param name="MeanHold">Mean time a request holds its thread (sync) or is in flight (async).</param>
/// <param name="CapacityPerSecond">Most requests per second the service can complete; infinity when nothing caps it.</param>
/// <param name="SuccessFraction">Share of requests that go to endpoints answering before the timeout.</param>
/// <param name="ExpectedSuccessRate">min(rate, capacity) × success fraction: the expected "Avg rate" in the steady state.</param>
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
    /// <summary>
    /// Share of an overloaded pool's work that may still be held by its threads when the last request
    /// starts, above which the run is too short for the steady state to dominate its average.
    /// </summary>
    public const double SteadyStateShare = 0.1;

    /// <summary>
    /// Fewest sync threads that keep up with the offered rate: ⌈rate × (mean call hold + CPU + dispatch)⌉;
    /// null when no pool can (the shared queue's dispatch cost or the CPU caps the rate below the offered).
    /// </summary>
    public int? MinimumThreads { get; init; }

    /// <summary>
    /// Null when the steady state describes the run. Otherwise (an overloaded sync pool whose threads
    /// can still hold more than <see cref="SteadyStateShare"/> of the run's work when the last request
    /// starts) the highest Avg rate the run can show: successes ÷ (work − threads × longest hold) / threads.
    /// The measured Avg rate then lies between <see cref="ExpectedSuccessRate"/> and this.
    /// </summary>
    public double? ShortRunUpperRate { get; init; }

    /// <summary>Thread-seconds of work the whole run needs (requests × mean hold); 0 for async.</summary>
    public double WorkThreadSeconds { get; init; }

    /// <summary>Thread-seconds the pool can still hold when the last request starts (threads × longest hold); 0 for async.</summary>
    public double HeldThreadSeconds { get; init; }

    /// <summary>
    /// What the theory assumes about the mitigations, when the scenario has any: which closed form the
    /// figures are, or that none exists for its balancer. Null without mitigations.
    /// </summary>
    public string? MitigationNote { get; init; }

    /// <summary>Retries and hedges as a percentage of requests, where a closed form gives them; null otherwise.</summary>
    public double? ExtraLoadPercent { get; init; }

    /// <summary>Computes the expectation for <paramref name="scenario"/>.</summary>
    public static ScenarioTheory For(Scenario scenario)
    {
        if (scenario.Mitigations.IsActive)
        {
            return WithMitigations(scenario);
        }

        // With a fan-out a request holds what it waits for: the Q-th fastest of its K calls.
        IReadOnlyList<TimeSpan> latencies = FanoutTheory.WaitedFor(scenario);
        long dispatchTicks = scenario.Costs.DispatchCost.Ticks;
        // Integer ticks, so that 20ms*9,30s gives exactly 3.018 s.
        long callAndCpuTicks = (latencies.Sum(l => scenario.HoldTime(l).Ticks) / latencies.Count) + scenario.Costs.CpuPerRequest.Ticks;
        long syncHoldTicks = callAndCpuTicks + dispatchTicks;
        long meanHoldTicks = scenario.Engine == EngineKind.Sync ? syncHoldTicks : callAndCpuTicks;

        double successFraction = latencies.Count(scenario.Succeeds) / (double)latencies.Count;
        double cpuSeconds = scenario.Costs.CpuPerRequest.TotalSeconds;
        double dispatchSeconds = scenario.Costs.DispatchCost.TotalSeconds;
        double cpuCapacity = cpuSeconds > 0 ? scenario.Costs.Cores / cpuSeconds : double.PositiveInfinity;
        double dispatchCapacity = dispatchSeconds > 0 ? 1 / dispatchSeconds : double.PositiveInfinity;

        double capacity = double.PositiveInfinity;
        string bottleneck = "nothing: every request is served as it arrives";
        double meanHoldSeconds = TimeSpan.FromTicks(meanHoldTicks).TotalSeconds;
        double poolCapacity = double.NaN;
        if (scenario.Engine == EngineKind.Sync)
        {
            capacity = meanHoldSeconds > 0 ? scenario.Threads / meanHoldSeconds : double.PositiveInfinity;
            bottleneck = $"threads: {scenario.Threads} threads / {meanHoldSeconds:0.####} s mean hold";
            if (dispatchCapacity < capacity)
            {
                capacity = dispatchCapacity;
                bottleneck = $"the shared queue's dispatch cost: one hand-off at a time, {dispatchSeconds * 1000:0.###} ms each";
            }
        }

        else if (scenario.Engine == EngineKind.ThreadPool && meanHoldSeconds > 0)
        {
            // In the steady state only the pool's maximum caps it; how long it takes to get there is ThreadPoolTheory's.
            capacity = poolCapacity = scenario.Pool!.MaxThreads / meanHoldSeconds;
            bottleneck = $"the pool's maximum: {scenario.Pool.MaxThreads} threads / {meanHoldSeconds:0.####} s mean hold";
        }

        if (cpuCapacity < capacity)
        {
            capacity = cpuCapacity;
            bottleneck = $"CPU: {scenario.Costs.Cores} cores / {cpuSeconds * 1000:0.###} ms per request";
        }

        bool closed = scenario.Arrivals == ArrivalPattern.Closed;
        if (closed && meanHoldSeconds > 0 && scenario.Connections / meanHoldSeconds < capacity)
        {
            // Little's law on the loop: N connections, each waiting out at least one mean hold per request, send at most N / L per second.
            capacity = scenario.Connections / meanHoldSeconds;
            bottleneck = $"the closed loop: {scenario.Connections} connections / {meanHoldSeconds:0.####} s mean hold";
        }

        double served = Math.Min(scenario.RatePerSecond, capacity);
        if (scenario.RatePerSecond <= capacity)
        {
            // The pool's maximum is no measured limit: it caps only the steady state, reached after the injection ThreadPoolTheory describes.
            bottleneck = capacity == poolCapacity
                ? $"none in the steady state (the pool's maximum of {scenario.Pool!.MaxThreads} threads / {meanHoldSeconds:0.####} s mean hold allows {FormatCapacity(capacity)} ≥ offered {scenario.RatePerSecond:0.###}/s; how soon the pool gets enough threads: see the pool's theory)"
                : $"none (capacity {FormatCapacity(capacity)} ≥ offered {scenario.RatePerSecond:0.###}/s)";
        }

        // A closed loop never queues more than its connections: what it cannot send, it does not send.
        double growth = closed ? 0 : Math.Max(0, scenario.RatePerSecond - capacity);
        double longestHold = latencies.Max(l => scenario.HoldTime(l).TotalSeconds) + cpuSeconds + (scenario.Engine == EngineKind.Sync ? dispatchSeconds : 0);
        double sendingSeconds = scenario.RequestCount / served;
        if (scenario.Duration is TimeSpan sendFor)
        {
            sendingSeconds = Math.Min(sendingSeconds, sendFor.TotalSeconds); // a closed loop's --duration ends the sending
        }

        double durationTicks = (sendingSeconds + longestHold) * TimeSpan.TicksPerSecond;
        // Saturates rather than overflows: a run of centuries is refused by the guard, not a crash.
        TimeSpan duration = durationTicks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)durationTicks);

        double syncHoldSeconds = TimeSpan.FromTicks(syncHoldTicks).TotalSeconds;
        int? minimumThreads = scenario.HasRate && scenario.RatePerSecond <= Math.Min(cpuCapacity, dispatchCapacity)
            ? (int)Math.Min(int.MaxValue, Math.Ceiling(Math.Round(scenario.RatePerSecond * syncHoldSeconds, 9)))
            : null;

        // An overloaded pool averages N / L only once its threads have cycled through many longest
        // holds. When the last request starts, the threads may still hold up to N × longest hold of
        // the run's work, so the successes are served in at least (work − N × longest hold) / N
        // seconds, not work / N: that bounds the Avg rate from above.
        double work = 0, held = 0;
        double? upper = null;
        if (scenario.Engine == EngineKind.Sync && growth > 0)
        {
            work = scenario.RequestCount * syncHoldSeconds;
            held = scenario.Threads * longestHold;
            if (held > SteadyStateShare * work)
            {
                double successes = scenario.RequestCount * successFraction;
                double offeredSuccesses = scenario.RatePerSecond * successFraction;
                upper = work > held ? Math.Min(offeredSuccesses, successes * scenario.Threads / (work - held)) : offeredSuccesses;
            }
        }

        return new ScenarioTheory(
            TimeSpan.FromTicks(meanHoldTicks),
            capacity,
            successFraction,
            served * successFraction,
            growth,
            duration,
            bottleneck)
        {
            MinimumThreads = minimumThreads,
            ShortRunUpperRate = upper,
            WorkThreadSeconds = work,
            HeldThreadSeconds = held,
        };
    }

    /// <summary>
    /// Ejection: in the steady state the failing endpoints (latency ≥ timeout) are out of the balancer,
    /// so requests go round robin over the others, all succeeding, as long as max% lets every failing
    /// endpoint out; the first failures and each return cost a little more. Random picks have round
    /// robin's mean hold. Least-outstanding and p2c depend on the queue's state: no closed form here.
    /// </summary>
    private static ScenarioTheory WithMitigations(Scenario scenario)
    {
        Scenario plain = scenario with { Mitigations = Mitigations.MitigationSettings.None };
        if (RetryAndHedgeTheory.Adjust(scenario, For(plain)) is { } retried)
        {
            return retried;
        }

        IReadOnlyList<TimeSpan> latencies = scenario.EndpointLatencies;
        int failing = latencies.Count(l => !scenario.Succeeds(l));
        string balancer = Mitigations.MitigationParser.Name(scenario.Mitigations.Balancer);
        bool closedForm = scenario.Mitigations.Balancer is Mitigations.BalancerKind.RoundRobin or Mitigations.BalancerKind.Random;
        if (scenario.Mitigations.Ejection is { } ejection && failing > 0 && failing < latencies.Count
            && (failing == 1 || failing * 100.0 / latencies.Count <= ejection.MaxPercent) && closedForm)
        {
            ScenarioTheory healthy = For(plain with { EndpointLatencies = latencies.Where(scenario.Succeeds).ToArray() });
            return healthy with
            {
                MitigationNote = $"steady state with the {failing} failing endpoint{(failing == 1 ? "" : "s")} ejected: {balancer} over the other {latencies.Count - failing}; the first failures and each return cost a little more",
            };
        }

        Mitigations.MitigationSettings m = scenario.Mitigations;
        int held = scenario.Engine == EngineKind.Sync && m.Breaker is null && m.Bulkhead is { } limit ? limit * failing : 0;
        if ((m.Breaker is not null || m.Bulkhead is not null) && failing > 0 && failing < latencies.Count && closedForm && (scenario.Engine != EngineKind.Sync || held < scenario.Threads))
        {
            // Failing endpoints' calls fail fast (breaker open) or hold at most the bulkhead's threads each;
            // the healthy share of the load runs on the threads left.
            double share = (latencies.Count - failing) / (double)latencies.Count;
            ScenarioTheory healthy = For(plain with
            {
                EndpointLatencies = latencies.Where(scenario.Succeeds).ToArray(),
                RatePerSecond = scenario.RatePerSecond * share,
                Threads = scenario.Engine == EngineKind.Sync ? scenario.Threads - held : 0,
            });
            string how = m.Breaker is not null
                ? $"steady state with the {failing} failing endpoint{(failing == 1 ? "'s circuit" : "s' circuits")} open: their calls fail fast, holding nothing (each probe and the first window cost a little more)"
                : $"the {failing} failing endpoint{(failing == 1 ? " holds" : "s hold")} at most {m.Bulkhead} calls each, the excess failing fast; the healthy {share:0.##%} of the load runs on the other {scenario.Threads - held}";
            return healthy with { SuccessFraction = share, MitigationNote = how };
        }

        ScenarioTheory theory = For(plain);
        return theory with
        {
            MitigationNote = closedForm
                ? $"{balancer} spreads requests like round robin on average, so round robin's figures hold{(scenario.Mitigations.Ejection is null ? "" : "; ejection changes nothing here (no endpoint fails, or more fail than max% lets out)")}"
                : $"these are round robin's figures: {balancer} sends fewer calls to an endpoint with many in flight, which has no closed form here: treat them as the unbalanced baseline",
        };
    }

    private static string FormatCapacity(double capacity) =>
        double.IsPositiveInfinity(capacity) ? "unbounded" : $"{capacity:0.#}/s";
}
