using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Workload;

/// <summary>
/// What each upstream call takes, as a pure function of the scenario: the endpoint's latency (a
/// fixed value, or a draw from its distribution), replaced inside a <c>--slowdown</c> window, and with
/// <c>--fanout</c> the answer a request waits for among its K calls. The engines on both clocks and
/// the loopback servers ask the same function, so every one follows the same schedule.
/// </summary>
/// <remarks>
/// A draw depends only on (seed, request index, call index), hashed, never on the order in which
/// threads happen to ask: the same seed gives the same latencies on the real and virtual clocks.
/// </remarks>
public sealed class UpstreamSchedule
{
    private readonly Scenario _scenario;
    private readonly int _endpoints;

    public UpstreamSchedule(Scenario scenario)
    {
        _scenario = scenario;
        _endpoints = scenario.EndpointLatencies.Count;
        IsFixed = scenario.EndpointDistributions.Count == 0 && scenario.Slowdowns.Count == 0 && scenario.Fanout == Fanout.None;
    }

    /// <summary>Every call of every request takes its endpoint's fixed latency: nothing to compute at call time.</summary>
    public bool IsFixed { get; }

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
        if (fanout.Calls == 1)
        {
            return request with { Latency = LatencyOf(request.Index, 0, request.Endpoint, callStart) };
        }

        if (fanout.Quorum == fanout.Calls)
        {
            // Waiting for all: the slowest call, or the timeout as soon as one does not answer in time.
            long slowest = 0;
            for (int call = 0; call < fanout.Calls; call++)
            {
                TimeSpan latency = LatencyOf(request.Index, call, (request.Endpoint + call) % _endpoints, callStart);
                if (!_scenario.Succeeds(latency))
                {
                    return request with { Latency = _scenario.Timeout };
                }

                slowest = Math.Max(slowest, latency.Ticks);
            }

            return request with { Latency = TimeSpan.FromTicks(slowest) };
        }

        // The Q-th fastest of the K answers that come in time; failures wait the whole timeout.
        Span<long> answers = fanout.Calls <= 256 ? stackalloc long[fanout.Calls] : new long[fanout.Calls];
        int inTime = 0;
        for (int call = 0; call < fanout.Calls; call++)
        {
            TimeSpan latency = LatencyOf(request.Index, call, (request.Endpoint + call) % _endpoints, callStart);
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
