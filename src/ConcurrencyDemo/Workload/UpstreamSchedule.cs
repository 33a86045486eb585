using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Workload;

/// <summary>
/// What each upstream call takes, as a pure function of the scenario: the endpoint's latency (a
/// fixed value, or a draw from its distribution), replaced inside a <c>--slowdown</c> window, and with
/// <c>--fanout</c> the answer a request waits for among its K calls. The engines on both clocks and
/// the loopback servers ask the same function, so every one follows the same schedule.
/// </summary>
/// <remarks>
/// With <c>--upstream-capacity</c> a call's latency also holds its wait at the endpoint
/// (<see cref="UpstreamQueues"/>), which depends on the calls before it: the one stateful part, asked
/// once per call as it goes out.
/// A draw depends only on (seed, request index, call index), hashed, never on the order in which
/// threads happen to ask: the same seed gives the same latencies on the real and virtual clocks.
/// A retried or hedged request's attempt a makes calls a × K … a × K + K − 1, each drawn afresh.
/// </remarks>
public sealed class UpstreamSchedule
{
    private readonly Scenario _scenario;
    private readonly int _endpoints;
    private readonly UpstreamQueues? _queues;
    private readonly TimeSpan? _leafHedgeAfter;
    private long _leafHedges;
    private long _leafHedgesWon;

    public UpstreamSchedule(Scenario scenario)
    {
        _scenario = scenario;
        _endpoints = scenario.EndpointLatencies.Count;
        _queues = scenario.UpstreamCapacity is { } capacity ? new UpstreamQueues(_endpoints, capacity) : null;
        // In a fan-out each call is hedged on its own, as Dean and Barroso's leaf requests are.
        _leafHedgeAfter = scenario.Fanout.Calls > 1 ? scenario.Mitigations.HedgeAfter : null;
        IsFixed = scenario.EndpointDistributions.Count == 0 && scenario.Slowdowns.Count == 0 && scenario.Fanout == Fanout.None && _queues is null;
    }

    /// <summary>Every call of every request takes its endpoint's fixed latency: nothing to compute at call time.</summary>
    public bool IsFixed { get; }

    /// <summary>Fan-out calls hedged so far (<c>--hedge-after</c> with <c>--fanout</c>), and how many of those hedges answered first.</summary>
    public (long Hedged, long Won) LeafHedges => (Interlocked.Read(ref _leafHedges), Interlocked.Read(ref _leafHedgesWon));

    /// <summary>
    /// <paramref name="request"/> as it is when its calls go out at <paramref name="callStart"/> (since the
    /// run's start): its <see cref="Request.Latency"/> becomes what the request waits for — its one call's
    /// latency, or with a fan-out the Q-th fastest answer, or the timeout when fewer than Q answer in time.
    /// </summary>
    public Request AtCallTime(Request request, TimeSpan callStart)
    {
        if (IsFixed)
        {
            return request;
        }

        Fanout fanout = _scenario.Fanout;
        int firstCall = request.Attempt * fanout.Calls;
        if (fanout.Calls == 1)
        {
            return request with { Latency = Served(request.Endpoint, callStart, LatencyOf(request.Index, firstCall, request.Endpoint, callStart)) };
        }

        if (fanout.Quorum == fanout.Calls)
        {
            // Waiting for all: the slowest call, or the timeout as soon as one does not answer in time.
            long slowest = 0;
            bool timedOut = false;
            for (int call = 0; call < fanout.Calls; call++)
            {
                TimeSpan latency = Leaf(request, firstCall + call, (request.Endpoint + call) % _endpoints, callStart);
                if (!_scenario.Succeeds(latency))
                {
                    if (_queues is null)
                    {
                        return request with { Latency = _scenario.Timeout };
                    }

                    timedOut = true; // the other calls still reach their endpoints' queues
                }

                slowest = Math.Max(slowest, latency.Ticks);
            }

            return request with { Latency = timedOut ? _scenario.Timeout : TimeSpan.FromTicks(slowest) };
        }

        // The Q-th fastest of the K answers that come in time; failures wait the whole timeout.
        Span<long> answers = fanout.Calls <= 256 ? stackalloc long[fanout.Calls] : new long[fanout.Calls];
        int inTime = 0;
        for (int call = 0; call < fanout.Calls; call++)
        {
            TimeSpan latency = Leaf(request, firstCall + call, (request.Endpoint + call) % _endpoints, callStart);
            if (_scenario.Succeeds(latency))
            {
                answers[inTime++] = latency.Ticks;
            }
        }

        if (inTime < fanout.Quorum)
        {
            return request with { Latency = _scenario.Timeout };
        }

        Span<long> answered = answers[..inTime];
        answered.Sort();
        return request with { Latency = TimeSpan.FromTicks(answered[fanout.Quorum - 1]) };
    }

    /// <summary>
    /// One call of a fan-out: its latency, or with <c>--hedge-after D</c>, when it has not answered by D,
    /// the earlier of it and a second call to the next endpoint sent at D (a fresh draw, numbered
    /// −1 − call so it is drawn apart from every first call).
    /// </summary>
    private TimeSpan Leaf(Request request, int call, int endpoint, TimeSpan callStart)
    {
        TimeSpan latency = Served(endpoint, callStart, LatencyOf(request.Index, call, endpoint, callStart));
        if (_leafHedgeAfter is not { } after || latency <= after)
        {
            return latency;
        }

        Interlocked.Increment(ref _leafHedges);
        int other = (endpoint + 1) % _endpoints;
        TimeSpan hedgeStart = callStart + after;
        TimeSpan hedged = after + Served(other, hedgeStart, LatencyOf(request.Index, -1 - call, other, hedgeStart));
        if (hedged < latency && _scenario.Succeeds(hedged))
        {
            Interlocked.Increment(ref _leafHedgesWon);
            return hedged;
        }

        return latency;
    }

    // With --upstream-capacity: the wait for a free slot at the endpoint, plus the service.
    private TimeSpan Served(int endpoint, TimeSpan arrival, TimeSpan service) =>
        _queues is null ? service : _queues.AnswerAfter(endpoint, arrival, service);

    /// <summary>
    /// What call <paramref name="call"/> of request <paramref name="requestIndex"/> to <paramref name="endpoint"/>
    /// takes when it reaches the endpoint at <paramref name="at"/>.
    /// </summary>
    public TimeSpan LatencyOf(long requestIndex, int call, int endpoint, TimeSpan at)
    {
        // The last window given wins where windows overlap.
        for (int i = _scenario.Slowdowns.Count - 1; i >= 0; i--)
        {
            Slowdown slowdown = _scenario.Slowdowns[i];
            if (slowdown.Covers(endpoint, at))
            {
                return slowdown.Latency;
            }
        }

        if (_scenario.EndpointDistributions.Count == 0)
        {
            return _scenario.EndpointLatencies[endpoint];
        }

        LatencyDistribution distribution = _scenario.EndpointDistributions[endpoint];
        return distribution.IsFixed ? distribution.Mean : distribution.Quantile(UniformDraw(_scenario.Seed, requestIndex, call));
    }

    /// <summary>A uniform number in [0, 1) from (seed, request, call): SplitMix64's finalizer, chained.</summary>
    internal static double UniformDraw(int seed, long requestIndex, int call)
    {
        ulong x = Mix((ulong)(uint)seed + 0x9E3779B97F4A7C15UL);
        x = Mix(x ^ (ulong)requestIndex);
        x = Mix(x ^ ((ulong)(uint)call << 32));
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
