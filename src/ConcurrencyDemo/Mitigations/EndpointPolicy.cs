using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// The per-call policy: which endpoint a call goes to (balancer, ejection), whether it goes at all
/// (breaker, bulkhead: else it fails fast), and what each endpoint saw.
/// The one implementation for both clocks: the real-clock engines and the virtual-clock simulator
/// call TryRoute (or <see cref="TryChoose"/>) when a call starts and Completed when it ends, each with
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
    private readonly IEndpointBreaker? _breaker;
    private readonly int _bulkhead;
    private readonly long[] _fastFails;
    private readonly int[] _outstanding;
    private readonly long[] _requests;
    private readonly long[] _successes;
    private readonly long[] _failures;
    private readonly RetryBudget? _retryBudget;
    private readonly int _retries;
    private long _requestsStarted;
    private long _retried;
    private long _retriesRefused;
    private long _hedged;
    private long _hedgesWon;
    private long _abandoned;

    /// <summary>A policy for <paramref name="scenario"/>'s endpoints and mitigations.</summary>
    public EndpointPolicy(Scenario scenario)
    {
        _latencies = scenario.EndpointLatencies;
        int n = _latencies.Count;
        _balancer = new Balancer(scenario.Mitigations.Balancer, n, scenario.Seed);
        _detector = scenario.Mitigations.Ejection is { } ejection ? new OutlierDetector(ejection, n) : null;
        _breaker = scenario.Mitigations.Breaker switch
        {
            null => null,
            { DrivePolly: true } breaker => new PollyCircuitBreaker(breaker, n),
            { } breaker => new CircuitBreaker(breaker, n),
        };
        _bulkhead = scenario.Mitigations.Bulkhead ?? int.MaxValue;
        _fastFails = new long[n];
        _outstanding = new int[n];
        _requests = new long[n];
        _successes = new long[n];
        _failures = new long[n];
        _retries = scenario.Mitigations.Retries;
        _retryBudget = scenario.Mitigations.RetryBudget is { } budget ? new RetryBudget(budget) : null;
        // A fan-out hedges each of its calls (UpstreamSchedule), not the request as a whole.
        HedgeAfter = scenario.Fanout.Calls > 1 ? null : scenario.Mitigations.HedgeAfter;
    }

    /// <summary>When a hedged attempt goes out; null for no hedging.</summary>
    public TimeSpan? HedgeAfter { get; }

    /// <summary>The policy <paramref name="scenario"/> needs, or null when it has no mitigation (plain round robin).</summary>
    public static EndpointPolicy? For(Scenario scenario) => scenario.Mitigations.IsActive ? new EndpointPolicy(scenario) : null;

    /// <summary>
    /// <paramref name="request"/> sent to the endpoint the policy picks at <paramref name="now"/>;
    /// false when that endpoint fails it fast (breaker open, bulkhead full): no call is made.
    /// </summary>
    public bool TryRoute(Request request, TimeSpan now, out Request call) => TryRoute(request, now, avoid: -1, out call);

    /// <summary>
    /// As <see cref="TryRoute(Request, TimeSpan, out Request)"/>, for a retry or hedge: <paramref name="avoid"/>
    /// is the endpoint the request tried last, which the balancer leaves out if it can.
    /// </summary>
    public bool TryRoute(Request request, TimeSpan now, int avoid, out Request call)
    {
        bool admitted = TryChoose(now.Ticks, avoid, out int endpoint);
        call = request with { Endpoint = endpoint, Latency = _latencies[endpoint] };
        return admitted;
    }

    /// <summary>
    /// Picks the endpoint for a call starting at <paramref name="nowTicks"/> and counts it as outstanding;
    /// false when that endpoint fails it fast (its breaker open, its bulkhead full): then no call is made
    /// and nothing is outstanding.
    /// </summary>
    public bool TryChoose(long nowTicks, int avoid, out int endpoint)
    {
        lock (_lock)
        {
            _detector?.Advance(nowTicks);
            endpoint = _balancer.Pick(_outstanding, _detector?.Ejected, _detector?.EjectedCount ?? 0, avoid);
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

    /// <summary>A request makes its first attempt at <paramref name="nowTicks"/>: it pays into the retry budget.</summary>
    public void RequestStarted(long nowTicks)
    {
        lock (_lock)
        {
            _requestsStarted++;
            _retryBudget?.Deposit(nowTicks);
        }
    }

    /// <summary>
    /// Whether a request whose attempt failed at <paramref name="nowTicks"/>, after <paramref name="retriesSoFar"/>
    /// retries, retries once more: within --retries and, when there is one, the budget (which it then draws on).
    /// </summary>
    public bool TryRetry(int retriesSoFar, long nowTicks)
    {
        if (retriesSoFar >= _retries)
        {
            return false;
        }

        lock (_lock)
        {
            if (_retryBudget is not null && !_retryBudget.TryWithdraw(nowTicks))
            {
                _retriesRefused++;
                return false;
            }

            _retried++;
            return true;
        }
    }

    /// <summary>A hedged attempt is about to go out (whether the endpoint then admits it or not).</summary>
    public void Hedging() => Interlocked.Increment(ref _hedged);

    /// <summary>The hedged attempt answered a request first.</summary>
    public void HedgeWon() => Interlocked.Increment(ref _hedgesWon);

    /// <summary>
    /// A call to <paramref name="endpoint"/> was abandoned at <paramref name="nowTicks"/>, its request answered
    /// by another attempt: no longer outstanding, and neither a success nor a failure of that endpoint.
    /// </summary>
    public void Abandoned(int endpoint, long nowTicks)
    {
        lock (_lock)
        {
            _outstanding[endpoint]--;
            _abandoned++;
            _breaker?.Abandon(endpoint);
        }
    }

    /// <summary>What the request-level mitigations did so far.</summary>
    public MitigationCounters Counters()
    {
        lock (_lock)
        {
            return new MitigationCounters(_requestsStarted, _retried, _retriesRefused, Interlocked.Read(ref _hedged), Interlocked.Read(ref _hedgesWon), _abandoned);
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
