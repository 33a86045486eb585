using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The model transport: a call holds its caller (blocking) or is awaited (async) for the endpoint's
/// latency, or for the timeout when the latency reaches it. Both go through the run's one
/// <see cref="RunTimer"/>, and each ends with one wake-up by the kernel, so sync and async pay the same timer cost.
/// </summary>
internal sealed class ModelEndpointCaller(Scenario scenario, RunTimer timer) : IEndpointCaller
{
    public CallOutcome Call(Request request, CancellationToken cancellationToken)
    {
        // The blocking call: this thread is held for the whole latency, or the timeout.
        timer.Hold(scenario.HoldTime(request.Latency), cancellationToken);
        return Outcome(request);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallOutcome> CallAsync(Request request, CancellationToken cancellationToken)
    {
        await timer.HoldAsync(scenario.HoldTime(request.Latency), cancellationToken).ConfigureAwait(false);
        return Outcome(request);
    }

    private CallOutcome Outcome(Request request) =>
        scenario.Succeeds(request.Latency) ? CallOutcome.Succeeded : CallOutcome.TimedOut;
}
