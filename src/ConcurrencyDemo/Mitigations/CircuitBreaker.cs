namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// One circuit breaker per endpoint, the state machine of Polly v8's CircuitBreakerResilienceStrategy
/// (src/Polly.Core/CircuitBreaker/Controller/CircuitStateController.cs) on integer ticks of whichever
/// clock drives it. Not thread-safe: <see cref="EndpointPolicy"/> locks.
/// </summary>
/// <remarks>
/// Polly's rolling health metrics: the sampling duration is split into ten windows, and the ratio is
/// taken over the windows that started less than a sampling duration ago (Polly uses a single window
/// for sampling durations under 200 ms; here there are always ten). Closed → open when throughput ≥ minimum and failures / throughput ≥ ratio;
/// open → half-open at the first call after the break; in half-open one probe goes through and the
/// other calls fail fast; the probe's success closes the circuit (and resets the metrics), its
/// failure opens it again for another break. Polly's own pipeline can be driven by the simulator — a call's
/// start runs it with a callback left pending, its end completes that callback (<see cref="PollyCircuitBreaker"/>)
/// — and gives the same runs tick for tick, but allocates 200–264 bytes per call and costs far more time
/// (issue 14); it is kept as this breaker's oracle.
/// </remarks>
internal sealed class CircuitBreaker : IEndpointBreaker
{
    private const int Windows = 10;

    private readonly BreakerSettings _settings;
    private readonly long _windowTicks;
    private readonly long[,] _windowStart;
    private readonly int[,] _calls;
    private readonly int[,] _failures;
    private readonly int[] _current;
    private readonly long[] _openedAt;
    private readonly long[] _openTicks;
    private readonly bool[] _probing;

    public CircuitBreaker(BreakerSettings settings, int endpoints)
    {
        _settings = settings;
        _windowTicks = Math.Max(1, settings.SamplingDuration.Ticks / Windows);
        _windowStart = new long[endpoints, Windows];
        _calls = new int[endpoints, Windows];
        _failures = new int[endpoints, Windows];
        _current = new int[endpoints];
        _openedAt = new long[endpoints];
        _openTicks = new long[endpoints];
        _probing = new bool[endpoints];
        State = new BreakerState[endpoints];
        Opened = new int[endpoints];
        for (int e = 0; e < endpoints; e++)
        {
            ResetMetrics(e);
        }
    }

    /// <summary>The circuit of each endpoint.</summary>
    public BreakerState[] State { get; }

    /// <summary>Times each circuit opened.</summary>
    public int[] Opened { get; }

    /// <summary>Whether a call to <paramref name="endpoint"/> at <paramref name="nowTicks"/> may go through; false: it fails fast.</summary>
    public bool TryAcquire(int endpoint, long nowTicks)
    {
        switch (State[endpoint])
        {
            case BreakerState.Closed:
                return true;
            case BreakerState.Open when nowTicks - _openedAt[endpoint] >= _settings.BreakDuration.Ticks:
                // Polly: the first attempt after the break turns the circuit half-open and is the probe.
                _openTicks[endpoint] += nowTicks - _openedAt[endpoint];
                State[endpoint] = BreakerState.HalfOpen;
                _probing[endpoint] = true;
                return true;
            case BreakerState.HalfOpen when !_probing[endpoint]:
                _probing[endpoint] = true;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Counts a finished call that went through.</summary>
    public void Record(int endpoint, bool succeeded, long nowTicks)
    {
        if (State[endpoint] == BreakerState.HalfOpen)
        {
            _probing[endpoint] = false;
            if (succeeded)
            {
                State[endpoint] = BreakerState.Closed;
                ResetMetrics(endpoint);
            }
            else
            {
                Open(endpoint, nowTicks);
            }

            return;
        }

        if (State[endpoint] == BreakerState.Open)
        {
            return; // a call that started before the circuit opened: Polly ignores its outcome
        }

        int w = Window(endpoint, nowTicks);
        _calls[endpoint, w]++;
        if (succeeded)
        {
            return; // Polly judges the thresholds on a failure only (OnActionFailure): a success never opens it
        }

        _failures[endpoint, w]++;
        (int calls, int failures) = Totals(endpoint, nowTicks);
        if (calls >= _settings.MinimumThroughput && failures >= _settings.FailureRatio * calls)
        {
            Open(endpoint, nowTicks);
        }
    }

    /// <summary>An abandoned call is forgotten: it was counted as outstanding only by <see cref="EndpointPolicy"/>.</summary>
    public void Abandon(int endpoint)
    {
    }

    /// <summary>Time the circuit of <paramref name="endpoint"/> was open, up to <paramref name="endTicks"/>.</summary>
    public TimeSpan TimeOpen(int endpoint, long endTicks) =>
        TimeSpan.FromTicks(_openTicks[endpoint] + (State[endpoint] == BreakerState.Open ? Math.Max(0, endTicks - _openedAt[endpoint]) : 0));

    private void Open(int endpoint, long nowTicks)
    {
        State[endpoint] = BreakerState.Open;
        _openedAt[endpoint] = nowTicks;
        Opened[endpoint]++;
        ResetMetrics(endpoint);
    }

    private void ResetMetrics(int endpoint)
    {
        for (int w = 0; w < Windows; w++)
        {
            _calls[endpoint, w] = 0;
            _failures[endpoint, w] = 0;
            _windowStart[endpoint, w] = long.MinValue;
        }
    }

    // The window for a call ending now: the current one, or the next once the current has run its tenth.
    private int Window(int endpoint, long nowTicks)
    {
        int w = _current[endpoint];
        if (_windowStart[endpoint, w] == long.MinValue)
        {
            _windowStart[endpoint, w] = nowTicks;
        }
        else if (nowTicks - _windowStart[endpoint, w] >= _windowTicks)
        {
            w = (w + 1) % Windows;
            _current[endpoint] = w;
            _windowStart[endpoint, w] = nowTicks;
            _calls[endpoint, w] = 0;
            _failures[endpoint, w] = 0;
        }

        return w;
    }

    private (int Calls, int Failures) Totals(int endpoint, long nowTicks)
    {
        int calls = 0, failures = 0;
        for (int w = 0; w < Windows; w++)
        {
            if (_windowStart[endpoint, w] != long.MinValue && nowTicks - _windowStart[endpoint, w] < _settings.SamplingDuration.Ticks)
            {
                calls += _calls[endpoint, w];
                failures += _failures[endpoint, w];
            }
        }

        return (calls, failures);
    }
}
