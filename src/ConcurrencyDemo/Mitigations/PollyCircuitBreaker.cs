using Polly;
using Polly.CircuitBreaker;

namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// Polly v8's own circuit breaker, one pipeline per endpoint, driven call by call on either clock: a call's
/// start runs the pipeline with a callback that stays pending (<see cref="PendingPollyCall"/>), so Polly's
/// pre-check admits it or fails it fast right then; its end completes the callback, and Polly records the
/// outcome inline. Polly reads the time from a <see cref="SteppedTimeProvider"/> set to the moment being
/// handled. Measured against the hand-written <see cref="CircuitBreaker"/> (issue 14: BreakerCallBenchmarks,
/// MitigatedSimulatorBenchmarks), it gives the same runs tick for tick but costs a few hundred bytes and
/// ns per call, so the tool runs the hand-written one and this one checks it (PollyCircuitBreakerTests).
/// </summary>
/// <remarks>
/// Polly does not tell one call from another when it records an outcome, so an ending call completes any
/// of its endpoint's pending executions. An abandoned call's execution is dropped, never completed: the
/// hand-written breaker ignores it, and so does Polly if it never hears of it. State changes are read from
/// Polly's <see cref="CircuitBreakerStateProvider"/> after each call into the pipeline: with a telemetry
/// listener instead, Polly wraps the pipeline in one more async frame and a failed call's execution no
/// longer completes inline. Polly validates its options more tightly than --breaker does (durations of at
/// least 0.5 s, a minimum throughput of at least 2): the pipeline's builder throws below those.
/// </remarks>
internal sealed class PollyCircuitBreaker : IEndpointBreaker
{
    private readonly SteppedTimeProvider _clock = new();
    private readonly ResiliencePipeline<bool>[] _pipelines;
    private readonly CircuitBreakerStateProvider[] _states;
    private readonly Stack<PendingPollyCall>[] _pending;
    private readonly Stack<PendingPollyCall> _spare = new();
    private readonly long[] _openedAt;
    private readonly long[] _openTicks;
    private readonly bool[] _open;

    public PollyCircuitBreaker(BreakerSettings settings, int endpoints)
    {
        _pipelines = new ResiliencePipeline<bool>[endpoints];
        _pending = new Stack<PendingPollyCall>[endpoints];
        _states = new CircuitBreakerStateProvider[endpoints];
        _openedAt = new long[endpoints];
        _openTicks = new long[endpoints];
        _open = new bool[endpoints];
        Opened = new int[endpoints];
        for (int e = 0; e < endpoints; e++)
        {
            _pending[e] = new Stack<PendingPollyCall>();
            _states[e] = new CircuitBreakerStateProvider();
            _pipelines[e] = new ResiliencePipelineBuilder<bool> { TimeProvider = _clock }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
                {
                    FailureRatio = settings.FailureRatio,
                    SamplingDuration = settings.SamplingDuration,
                    MinimumThroughput = settings.MinimumThroughput,
                    BreakDuration = settings.BreakDuration,
                    ShouldHandle = static args => new ValueTask<bool>(!args.Outcome.Result),
                    StateProvider = _states[e],
                })
                .Build();
        }
    }

    /// <inheritdoc/>
    public int[] Opened { get; }

    /// <inheritdoc/>
    public bool TryAcquire(int endpoint, long nowTicks)
    {
        _clock.NowTicks = nowTicks;
        PendingPollyCall call = _spare.Count > 0 ? _spare.Pop() : new PendingPollyCall();
        ResilienceContext context = ResilienceContextPool.Shared.Get();
        ValueTask<Outcome<bool>> execution = _pipelines[endpoint].ExecuteOutcomeAsync(PendingPollyCall.Callback, context, call);
        if (execution.IsCompleted)
        {
            // Polly answered without calling back: the circuit is open (BrokenCircuitException), a fast fail.
            _ = execution.Result;
            ResilienceContextPool.Shared.Return(context);
            _spare.Push(call);
            return false;
        }

        Observe(endpoint); // the call may be the probe of a circuit that just turned half-open

        call.Execution = execution;
        call.Context = context;
        _pending[endpoint].Push(call);
        return true;
    }

    /// <inheritdoc/>
    public void Record(int endpoint, bool succeeded, long nowTicks)
    {
        _clock.NowTicks = nowTicks;
        PendingPollyCall call = _pending[endpoint].Pop();
        call.Complete(succeeded);
        ResilienceContextPool.Shared.Return(call.Context!);
        call.Context = null;
        _spare.Push(call);
        Observe(endpoint);
    }

    /// <inheritdoc/>
    public void Abandon(int endpoint) => _pending[endpoint].Pop();

    /// <inheritdoc/>
    public TimeSpan TimeOpen(int endpoint, long endTicks) =>
        TimeSpan.FromTicks(_openTicks[endpoint] + (_open[endpoint] ? Math.Max(0, endTicks - _openedAt[endpoint]) : 0));

    // Polly's state after a call into its pipeline: counts an opening, and the time open when it ends.
    private void Observe(int endpoint)
    {
        bool open = _states[endpoint].CircuitState == CircuitState.Open;
        if (open && !_open[endpoint])
        {
            _openedAt[endpoint] = _clock.NowTicks;
            Opened[endpoint]++;
        }
        else if (!open && _open[endpoint])
        {
            _openTicks[endpoint] += _clock.NowTicks - _openedAt[endpoint];
        }

        _open[endpoint] = open;
    }
}
