using System.Collections.Concurrent;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// What every <see cref="AsyncRequestHandler"/> of one async run shares: the caller, the recorder,
/// the clock, and the handlers not in use, so that a run allocates one handler per request in flight
/// at its busiest, not one per request.
/// </summary>
/// <param name="caller">How a call reaches an endpoint.</param>
/// <param name="recorder">Where each call's outcome is recorded.</param>
/// <param name="clock">The run's clock: a call's end is read from it.</param>
/// <param name="abandon">Fires when calls in flight are abandoned after the grace period.</param>
/// <param name="fail">Keeps a defect in a request's handling, for the run to rethrow.</param>
/// <param name="done">Called once per request, after it is recorded (or abandoned).</param>
internal sealed class AsyncRequestHandlers(
    IEndpointCaller caller,
    Recorder recorder,
    RunClock clock,
    CancellationToken abandon,
    Action<Exception> fail,
    Action done)
{
    // A ring of segments: taking and giving back handlers allocates nothing once it has grown.
    private readonly ConcurrentQueue<AsyncRequestHandler> _idle = new();

    public IEndpointCaller Caller => caller;

    public Recorder Recorder => recorder;

    public RunClock Clock => clock;

    public CancellationToken Abandon => abandon;

    /// <summary>Handles <paramref name="call"/> with an idle handler, or a new one when all are busy.</summary>
    public void Handle(Request call)
    {
        if (!_idle.TryDequeue(out AsyncRequestHandler? handler))
        {
            handler = new AsyncRequestHandler(this);
        }

        handler.Start(call);
    }

    public void Fail(Exception e) => fail(e);

    public void Return(AsyncRequestHandler handler)
    {
        _idle.Enqueue(handler);
        done();
    }
}
