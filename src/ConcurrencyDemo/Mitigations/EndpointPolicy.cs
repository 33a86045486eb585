using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// The per-call policy: which endpoint a call goes to (balancer, ejection), whether it goes at all
/// (breaker, bulkhead: else it fails fast), and what each endpoint saw.
/// The one implementation for both clocks: the real-clock engines and the virtual-clock simulator
/// call <see cref="TryRoute"/> (or <see cref="TryChoose"/>) when a call starts and Completed when it ends, each with
/// the time of that moment on their own clock (integer ticks since the run's zero).
/// </summary>
/// <remarks>
/// Thread-safe (one lock; uncontended on the virtual clock). The simulator reports completions in
/// time order, so ejections and sweeps happen at the same virtual instants a timer would fire.
/// </remarks>
public sealed class EndpointPolicy
{
    private readonly Lock _lock = new();
    private readonly IReadOnlyList<TimeSpan> _latencies;
    private readonly Balancer _balancer;
    private readonly OutlierDetector? _detector;
    private readonly CircuitBreaker? _breaker;
    private readonly int _bulkhead;
    private readonly long[] _fastFails;
    private readonly int[] _outstanding;
    private readonly long[] _requests;
    private readonly long[] _successes;
    private readonly long[] _failures;

    /// <summary>A policy for <paramref name="scenario"/>'s endpoints and mitigations.</summary>
    public EndpointPolicy(Scenario scenario)
    {
        _latencies = scenario.EndpointLatencies;
        int n = _latencies.Count;
        _balancer = new Balancer(scenario.Mitigations.Balancer, n, scenario.Seed);
        _detector = scenario.Mitigations.Ejection is { } ejection ? new OutlierDetector(ejection, n) : null;
        _breaker = scenario.Mitigations.Breaker is { } breaker ? new CircuitBreaker(breaker, n) : null;
        _bulkhead = scenario.Mitigations.Bulkhead ?? int.MaxValue;
        _fastFails = new long[n];
        _outstanding = new int[n];
        _requests = new long[n];
        _successes = new long[n];
        _failures = new long[n];
    }

    /// <summary>The policy <paramref name="scenario"/> needs, or null when it has no mitigation (plain round robin).</summary>
    public static EndpointPolicy? For(Scenario scenario) => scenario.Mitigations.IsActive ? new EndpointPolicy(scenario) : null;

    /// <summary>
    /// <paramref name="request"/> sent to the endpoint the policy picks at <paramref name="now"/>;
    /// false when that endpoint fails it fast (breaker open, bulkhead full): no call is made.
    /// </summary>
    public bool TryRoute(Request request, TimeSpan now, out Request call)
    {
        bool admitted = TryChoose(now.Ticks, out int endpoint);
        call = request with { Endpoint = endpoint, Latency = _latencies[endpoint] };
        return admitted;
    }

    /// <summary>
    /// Picks the endpoint for a call starting at <paramref name="nowTicks"/> and counts it as outstanding;
    /// false when that endpoint fails it fast (its breaker open, its bulkhead full): then no call is made
    /// and nothing is outstanding.
    /// </summary>
    public bool TryChoose(long nowTicks, out int endpoint)
    {
        lock (_lock)
        {
            _detector?.Advance(nowTicks);
            endpoint = _balancer.Pick(_outstanding, _detector?.Ejected, _detector?.EjectedCount ?? 0);
            _requests[endpoint]++;
            // The bulkhead first: a call it refuses must not take the breaker's one half-open probe.
            if (_outstanding[endpoint] >= _bulkhead || (_breaker is not null && !_breaker.TryAcquire(endpoint, nowTicks)))
            {
                _fastFails[endpoint]++;
                return false;
            }

            _outstanding[endpoint]++;
            return true;
        }
    }

    /// <summary>Counts <paramref name="call"/>'s end at <paramref name="now"/>.</summary>
    public void Completed(Request call, CallOutcome outcome, TimeSpan now) =>
        Completed(call.Endpoint, outcome == CallOutcome.Succeeded, now.Ticks);

    /// <summary>Counts the end of a call to <paramref name="endpoint"/> at <paramref name="nowTicks"/>.</summary>
    public void Completed(int endpoint, bool succeeded, long nowTicks)
    {
        lock (_lock)
        {
            _outstanding[endpoint]--;
            if (succeeded)
            {
                _successes[endpoint]++;
            }
            else
            {
                _failures[endpoint]++;
            }

            _detector?.Record(endpoint, succeeded, nowTicks);
            _breaker?.Record(endpoint, succeeded, nowTicks);
        }
    }

    /// <summary>What each endpoint saw, with time ejected counted up to <paramref name="end"/>.</summary>
    public IReadOnlyList<EndpointStatistics> Statistics(TimeSpan end)
    {
        lock (_lock)
        {
            _detector?.Advance(end.Ticks);
            var rows = new EndpointStatistics[_latencies.Count];
            for (int e = 0; e < rows.Length; e++)
            {
                (int ejections, TimeSpan ejected) = _detector?.Totals(e, end.Ticks) ?? (0, TimeSpan.Zero);
                rows[e] = new EndpointStatistics(e, _latencies[e], _requests[e], _successes[e], _failures[e], _fastFails[e], ejections, ejected)
                {
                    BreakerOpened = _breaker?.Opened[e] ?? 0,
                    TimeOpen = _breaker?.TimeOpen(e, end.Ticks) ?? TimeSpan.Zero,
                };
            }

            return rows;
        }
    }
}
