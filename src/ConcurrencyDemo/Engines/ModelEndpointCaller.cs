using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The model transport: a call is a sleep (blocking) or an awaited delay (async) of the endpoint's
/// latency, or of the timeout when the latency reaches it.
/// </summary>
internal sealed class ModelEndpointCaller(Scenario scenario, TimeProvider timeProvider) : IEndpointCaller
{
    public CallOutcome Call(Request request, CancellationToken cancellationToken)
    {
        // The blocking call: this thread is held for the whole latency, or the timeout.
        BlockingSleep.AtLeast(scenario.HoldTime(request.Latency));
        return Outcome(request);
    }

    public async ValueTask<CallOutcome> CallAsync(Request request, CancellationToken cancellationToken)
    {
        await Task.Delay(scenario.HoldTime(request.Latency), timeProvider, cancellationToken).ConfigureAwait(false);
        return Outcome(request);
    }

    private CallOutcome Outcome(Request request) =>
        scenario.Succeeds(request.Latency) ? CallOutcome.Succeeded : CallOutcome.TimedOut;
}
