namespace ConcurrencyDemo.Mitigations;

/// <summary>What one endpoint saw in a run with mitigations.</summary>
/// <param name="Endpoint">0-based endpoint index, in --latency order.</param>
/// <param name="Latency">The endpoint's latency.</param>
/// <param name="Requests">Calls the balancer sent to it.</param>
/// <param name="Successes">Calls that succeeded.</param>
/// <param name="Failures">Calls that failed (timeouts included).</param>
/// <param name="FastFails">Calls failed fast without reaching it: its breaker was open, or its bulkhead full.</param>
/// <param name="Ejections">Times it was ejected.</param>
/// <param name="TimeEjected">How long it was out of the balancer, to the end of the run.</param>
public sealed record EndpointStatistics(
    int Endpoint,
    TimeSpan Latency,
    long Requests,
    long Successes,
    long Failures,
    long FastFails,
    int Ejections,
    TimeSpan TimeEjected)
{
    /// <summary>Times its circuit breaker opened.</summary>
    public int BreakerOpened { get; init; }

    /// <summary>How long its circuit breaker was open, to the end of the run.</summary>
    public TimeSpan TimeOpen { get; init; }
}
