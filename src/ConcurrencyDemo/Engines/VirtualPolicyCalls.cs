using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// <see cref="PolicyCalls"/>' rules on the virtual clock: a request's calls under an
/// <see cref="EndpointPolicy"/> as events in integer ticks — each call's start, end, hedge and retry —
/// and the request's answer, recorded when it comes. The engine models that own the workers
/// (<see cref="MitigatedSimulation"/> for sync and async, <see cref="ThreadPoolModel"/> for the .NET pool)
/// decide when a request starts and when an event is handled; this type decides what the calls do.
/// </summary>
/// <remarks>
/// The rules are <see cref="PolicyCalls"/>': a retry avoids the endpoint just tried; a hedge goes out
/// once, for the first attempt; the first success answers and abandons the other call.
/// Memory does not grow with the run: a request in flight lives in a reused slot that its events name
/// by index and generation (an event of an answered request finds its slot moved on and is ignored).
/// </remarks>
internal sealed class VirtualPolicyCalls(Scenario scenario, UpstreamSchedule upstream, Recorder recorder, EndpointPolicy policy)
{
    private readonly EventQueue<Event> _events = new();
    private readonly InFlightRequests _inFlight = new();
    private readonly long _hedgeAfterTicks = policy.HedgeAfter?.Ticks ?? 0;

    /// <summary>The order of what happens at one instant (the low bits of an event's priority).</summary>
    public enum Step : byte
    {
        CallEnds = 0,
        HedgeDue = 1,
        AttemptStarts = 2,
        Arrives = 3,
    }

    /// <summary>Events not yet handled.</summary>
    public int Pending => _events.Count;

    /// <summary>An event's priority: its time, then its <see cref="Step"/> among those of the same instant.</summary>
    public static long Priority(long ticks, Step step) => (ticks << 2) | (long)step;

    /// <summary>The priority of the next event, if any.</summary>
    public bool TryPeek(out long priority) => _events.TryPeek(out priority);

    /// <summary>Takes the next event and its time.</summary>
    public Event Dequeue(out long now)
    {
        Event e = _events.Dequeue(out long priority);
        now = priority >> 2;
        return e;
    }

    /// <summary><paramref name="request"/>, taken at <paramref name="now"/>, makes its first attempt at <paramref name="at"/> (after its hand-off and CPU work).</summary>
    public void StartAt(Request request, long now, long at) => Enqueue(Step.AttemptStarts, _inFlight.Add(request), default, false, now, at);

    /// <summary><paramref name="request"/> makes its first attempt now; true when it is answered at once (failed fast).</summary>
    public bool Start(Request request, long now)
    {
        int slot = _inFlight.Add(request);
        policy.RequestStarted(now);
        return StartCall(slot, now, avoid: -1, attempt: 0);
    }

    /// <summary>Handles <paramref name="e"/> at <paramref name="now"/>; true when that answered its request.</summary>
    public bool Handle(Event e, long now)
    {
        if (!_inFlight.IsCurrent(e.Slot, e.Generation))
        {
            return false; // a call abandoned when the other answered (counted then), or a hedge no longer due
        }

        switch (e.Step)
        {
            case Step.CallEnds:
                return CallEnds(e, now);
            case Step.HedgeDue:
                return HedgeDue(e.Slot, now);
            default:
                policy.RequestStarted(now);
                return StartCall(e.Slot, now, avoid: -1, attempt: 0);
        }
    }

    // Scheduled at `now` for `at`: the events of one step and one delay fall due in the order they are added (one lane).
    private void Enqueue(Step step, int slot, Request call, bool succeeded, long now, long at) =>
        _events.Enqueue(new Event(step, succeeded, slot, _inFlight.Generation(slot), call.Endpoint, call.Attempt, call.Latency), Priority(at, step), lane: Priority(at - now, step));

    private bool StartCall(int slot, long now, int avoid, int attempt)
    {
        ref InFlightRequests.Entry request = ref _inFlight[slot];
        Request call = request.Request with { Attempt = attempt };
        TimeSpan at = TimeSpan.FromTicks(now);
        if (!policy.TryRoute(call, at, avoid, out call))
        {
            // Failed fast: a failed attempt, unless (a hedge) another call is still out.
            return request.CallsOut == 0 && AttemptFailed(slot, CallOutcome.Failed, now, call.Endpoint, call.Latency);
        }

        if (!upstream.IsFixed)
        {
            call = upstream.AtCallTime(call, at);
        }

        request.CallsOut++;
        if (request.FirstEndpoint < 0)
        {
            request.FirstEndpoint = call.Endpoint;
        }

        request.LastEndpoint = call.Endpoint;
        long end = now + scenario.HoldTime(call.Latency).Ticks;
        Enqueue(Step.CallEnds, slot, call, scenario.Succeeds(call.Latency), now, end);
        if (attempt == 0 && _hedgeAfterTicks > 0)
        {
            Enqueue(Step.HedgeDue, slot, default, false, now, now + _hedgeAfterTicks);
        }

        return false;
    }

    private bool HedgeDue(int slot, long now)
    {
        ref InFlightRequests.Entry request = ref _inFlight[slot];
        // Only the first attempt is hedged, and only while it is still the one call out.
        if (request.Retries > 0 || request.CallsOut != 1)
        {
            return false;
        }

        policy.Hedging();
        request.Hedged = true;
        return StartCall(slot, now, avoid: request.LastEndpoint, attempt: 1);
    }

    private bool CallEnds(in Event call, long now)
    {
        int slot = call.Slot;
        ref InFlightRequests.Entry request = ref _inFlight[slot];
        policy.Completed(call.Endpoint, call.Succeeded, now);
        request.CallsOut--;
        if (call.Succeeded)
        {
            if (request.CallsOut > 0)
            {
                // The first answer wins: the call still out is abandoned now (its end will find the slot moved on).
                policy.Abandoned(call.Attempt == 1 && request.Hedged ? request.FirstEndpoint : request.LastEndpoint, now);
            }

            if (request.Hedged && call.Attempt == 1)
            {
                policy.HedgeWon();
            }

            return Answer(slot, CallOutcome.Succeeded, now, call.Latency);
        }

        return request.CallsOut == 0 && AttemptFailed(slot, CallOutcome.TimedOut, now, call.Endpoint, call.Latency);
    }

    private bool AttemptFailed(int slot, CallOutcome outcome, long now, int endpoint, TimeSpan latency)
    {
        ref InFlightRequests.Entry request = ref _inFlight[slot];
        if (policy.TryRetry(request.Retries, now))
        {
            request.Retries++;
            // Attempts are numbered as PolicyCalls numbers them: 0 first, 1 the hedge (when hedging), retries after.
            return StartCall(slot, now, avoid: endpoint, attempt: request.Retries + (_hedgeAfterTicks > 0 ? 1 : 0));
        }

        return Answer(slot, outcome, now, latency);
    }

    private bool Answer(int slot, CallOutcome outcome, long now, TimeSpan latency)
    {
        recorder.Record(outcome, _inFlight[slot].Request.IntendedStart, TimeSpan.FromTicks(now), latency);
        _inFlight.Remove(slot);
        return true;
    }

    /// <summary>
    /// Something due for a request in flight: its first attempt, a call's end, or its hedge. A call's end
    /// carries only what is left to know of that call (its endpoint, attempt, latency and whether it succeeds),
    /// not the whole request, which its slot holds: tens of thousands wait at once, so their size counts.
    /// </summary>
    public readonly record struct Event(Step Step, bool Succeeded, int Slot, int Generation, int Endpoint, int Attempt, TimeSpan Latency);
}
