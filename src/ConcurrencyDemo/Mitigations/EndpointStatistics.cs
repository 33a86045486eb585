namespace ConcurrencyDemo.Mitigations;

/// <summary>What one endpoint saw in a run with mitigations.</summary>
/// <param name="Endpoint">0-based endpoint index, in --latency order.</param>
/// <param name="Latency">The endpoint's latency.</param>
/// <param name="Requests">Calls the balancer sent to it.</param>
/// <param name="Successes">Calls that succeeded.</param>
/// <param name="Failures">Calls that failed (timeouts included).</param>
/// <param name="FastFails">Calls refused without reaching it (none yet: no breaker or bulkhead).</param>
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
    TimeSpan TimeEjected);
