using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The "call an endpoint" step of a real-clock engine, pluggable so that the model and http
/// transports share one sync engine and one async engine.
/// </summary>
internal interface IEndpointCaller
{
    /// <summary>Blocking call: holds the calling thread until the endpoint answers or the timeout passes.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> fires: the engine abandons calls still in flight after the grace period.</exception>
    CallOutcome Call(Request request, CancellationToken cancellationToken);

    /// <summary>Non-blocking call: no thread is held while waiting.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> fires: the engine abandons calls still in flight after the grace period.</exception>
    ValueTask<CallOutcome> CallAsync(Request request, CancellationToken cancellationToken);
}
