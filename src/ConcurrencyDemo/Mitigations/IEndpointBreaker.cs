namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// A circuit breaker per endpoint as <see cref="EndpointPolicy"/> drives it: asked when a call starts,
/// told when it ends (or is abandoned), each at the time of that moment on the run's clock in integer ticks.
/// Not thread-safe: <see cref="EndpointPolicy"/> locks.
/// </summary>
internal interface IEndpointBreaker
{
    /// <summary>Times each circuit opened.</summary>
    int[] Opened { get; }

    /// <summary>Whether a call to <paramref name="endpoint"/> at <paramref name="nowTicks"/> may go through; false: it fails fast.</summary>
    bool TryAcquire(int endpoint, long nowTicks);

    /// <summary>Counts a finished call that went through.</summary>
    void Record(int endpoint, bool succeeded, long nowTicks);

    /// <summary>A call that went through was abandoned (another attempt answered its request): it is neither a success nor a failure.</summary>
    void Abandon(int endpoint);

    /// <summary>Time the circuit of <paramref name="endpoint"/> was open, up to <paramref name="endTicks"/>.</summary>
    TimeSpan TimeOpen(int endpoint, long endTicks);
}
