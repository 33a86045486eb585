using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The virtual clock with an <see cref="EndpointPolicy"/>: a discrete-event simulation in integer ticks,
/// where every call's start, end, hedge and retry is an event handled in time order, so the policy
/// (balancer, ejection, breaker, bulkhead, retry budget) sees the run as the real engines' policy does.
/// </summary>
/// <remarks>
/// Without a policy each request's fate follows from the ones before it and
/// <see cref="VirtualClockSimulator"/> computes it directly; a retry or hedge makes a request's calls
/// interleave with later requests', which needs the event queue. At one instant, calls that end are
/// heard first, then hedges fall due, then attempts start, then requests arrive (as the real engines'
/// policy hears an answer before it routes the call a freed thread takes next).
/// The rules are <see cref="PolicyCalls"/>': a retry avoids the endpoint just tried; a hedge goes out
/// once, for the first attempt; the first success answers and abandons the other call.
/// Memory does not grow with the run: a sync request waiting for a worker stays in the arrival
/// schedule (the queue is FIFO, so the next arrival is the next to be served), and a request in flight
/// lives in a reused slot that its events name by index and generation (an event of an answered
/// request finds its slot moved on and is ignored), so the simulation allocates nothing per request.
/// </remarks>
internal sealed class MitigatedSimulation
{
    private const int CancellationCheckInterval = 1 << 16;

    private readonly Scenario _scenario;
    private readonly ArrivalSchedule _schedule;
    private readonly UpstreamSchedule _upstream;
    private readonly Recorder _recorder;
    private readonly EndpointPolicy _policy;
    private readonly PriorityQueue<Event, long> _events = new();
    private readonly InFlightRequests _inFlight = new();
    private readonly PriorityQueue<int, long>? _cores;
    private readonly long _cpuTicks;
    private readonly long _dispatchTicks;
    private readonly bool _sync;
    private readonly long _hedgeAfterTicks;
    private int _idleWorkers;
    private long _queueFreeAt;
    private bool _more;
    private Request _next;

    private MitigatedSimulation(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, EndpointPolicy policy)
    {
        _scenario = scenario;
        _schedule = schedule;
        _upstream = schedule.Upstream;
        _recorder = recorder;
        _policy = policy;
        _sync = scenario.Engine == EngineKind.Sync;
        _idleWorkers = _sync ? scenario.Threads : 0;
        _cpuTicks = scenario.Costs.CpuPerRequest.Ticks;
        _dispatchTicks = _sync ? scenario.Costs.DispatchCost.Ticks : 0;
        _hedgeAfterTicks = policy.HedgeAfter?.Ticks ?? 0;
        if (_cpuTicks > 0)
        {
            _cores = new PriorityQueue<int, long>(scenario.Costs.Cores);
            for (int i = 0; i < scenario.Costs.Cores; i++)
            {
                _cores.Enqueue(i, 0);
            }
        }
    }

    // The order of what happens at one instant (the low bits of an event's priority).
    private enum Step
    {
        CallEnds = 0,
        HedgeDue = 1,
        AttemptStarts = 2,
        Arrives = 3,
    }

    public static void Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, EndpointPolicy policy, CancellationToken cancellationToken) =>
        new MitigatedSimulation(scenario, schedule, recorder, policy).Run(cancellationToken);

    private static long Priority(long ticks, Step step) => (ticks << 2) | (long)step;

    private void Run(CancellationToken cancellationToken)
    {
        _more = _schedule.TryNext(out _next);
        long n = 0;
        while (_more || _events.Count > 0)
        {
            if (++n % CancellationCheckInterval == 0 && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // A sync request that finds every worker busy waits in the schedule: a freed worker takes it (Answer).
            bool canArrive = _more && (!_sync || _idleWorkers > 0);
            if (canArrive && (!_events.TryPeek(out _, out long due) || Priority(_next.IntendedStart.Ticks, Step.Arrives) < due))
            {
                _idleWorkers -= _sync ? 1 : 0;
                DispatchNext(_next.IntendedStart.Ticks);
                continue;
            }

            _events.TryDequeue(out Event e, out long priority);
            long now = priority >> 2;
            if (!_inFlight.IsCurrent(e.Slot, e.Generation))
            {
                continue; // a call abandoned when the other answered (counted then), or a hedge no longer due
            }

            switch (e.Step)
            {
                case Step.CallEnds:
                    CallEnds(e.Slot, e.Call, e.Succeeded, now);
                    break;
                case Step.HedgeDue:
                    HedgeDue(e.Slot, now);
                    break;
                default:
                    _policy.RequestStarted(now);
                    StartCall(e.Slot, now, avoid: -1, attempt: 0);
                    break;
            }
        }
    }

    // A worker (sync) or the event loop (async) takes the next arrival at `now`; its first call goes out
    // once the hand-off and the CPU work are done, as VirtualClockSimulator computes them.
    private void DispatchNext(long now)
    {
        int slot = _inFlight.Add(_next);
        _more = _schedule.TryNext(out _next);
        long ready = now;
        if (_dispatchTicks > 0)
        {
            ready = Math.Max(ready, _queueFreeAt) + _dispatchTicks;
            _queueFreeAt = ready;
        }

        if (_cores is not null)
        {
            _cores.TryDequeue(out int core, out long coreFreeAt);
            ready = Math.Max(ready, coreFreeAt) + _cpuTicks;
            _cores.Enqueue(core, ready);
        }

        Enqueue(Step.AttemptStarts, slot, default, false, ready);
    }

    private void Enqueue(Step step, int slot, Request call, bool succeeded, long at) =>
        _events.Enqueue(new Event(step, slot, _inFlight.Generation(slot), call, succeeded), Priority(at, step));

    private void StartCall(int slot, long now, int avoid, int attempt)
    {
        ref InFlightRequests.Entry request = ref _inFlight[slot];
        Request call = request.Request with { Attempt = attempt };
        TimeSpan at = TimeSpan.FromTicks(now);
        if (!_policy.TryRoute(call, at, avoid, out call))
        {
            // Failed fast: a failed attempt, unless (a hedge) another call is still out.
            if (request.CallsOut == 0)
            {
                AttemptFailed(slot, CallOutcome.Failed, now, call);
            }

            return;
        }

        if (!_upstream.IsFixed)
        {
            call = _upstream.AtCallTime(call, at);
        }

        request.CallsOut++;
        if (request.FirstEndpoint < 0)
        {
            request.FirstEndpoint = call.Endpoint;
        }

        request.LastEndpoint = call.Endpoint;
        long end = now + _scenario.HoldTime(call.Latency).Ticks;
        Enqueue(Step.CallEnds, slot, call, _scenario.Succeeds(call.Latency), end);
        if (attempt == 0 && _hedgeAfterTicks > 0)
        {
            Enqueue(Step.HedgeDue, slot, default, false, now + _hedgeAfterTicks);
        }
    }

    private void HedgeDue(int slot, long now)
    {
        ref InFlightRequests.Entry request = ref _inFlight[slot];
        // Only the first attempt is hedged, and only while it is still the one call out.
        if (request.Retries > 0 || request.CallsOut != 1)
        {
            return;
        }

        _policy.Hedging();
        request.Hedged = true;
        StartCall(slot, now, avoid: request.LastEndpoint, attempt: 1);
    }

    private void CallEnds(int slot, Request call, bool succeeded, long now)
    {
        ref InFlightRequests.Entry request = ref _inFlight[slot];
        _policy.Completed(call.Endpoint, succeeded, now);
        request.CallsOut--;
        if (succeeded)
        {
            if (request.CallsOut > 0)
            {
                // The first answer wins: the call still out is abandoned now (its end will find the slot moved on).
                _policy.Abandoned(call.Attempt == 1 && request.Hedged ? request.FirstEndpoint : request.LastEndpoint, now);
            }

            if (request.Hedged && call.Attempt == 1)
            {
                _policy.HedgeWon();
            }

            Answer(slot, CallOutcome.Succeeded, now, call);
        }
        else if (request.CallsOut == 0)
        {
            AttemptFailed(slot, CallOutcome.TimedOut, now, call);
        }
    }

    private void AttemptFailed(int slot, CallOutcome outcome, long now, Request call)
    {
        ref InFlightRequests.Entry request = ref _inFlight[slot];
        if (_policy.TryRetry(request.Retries, now))
        {
            request.Retries++;
            // Attempts are numbered as PolicyCalls numbers them: 0 first, 1 the hedge (when hedging), retries after.
            StartCall(slot, now, avoid: call.Endpoint, attempt: request.Retries + (_hedgeAfterTicks > 0 ? 1 : 0));
        }
        else
        {
            Answer(slot, outcome, now, call);
        }
    }

    private void Answer(int slot, CallOutcome outcome, long now, Request call)
    {
        _recorder.Record(outcome, _inFlight[slot].Request.IntendedStart, TimeSpan.FromTicks(now), call.Latency);
        _inFlight.Remove(slot);
        if (!_sync)
        {
            return;
        }

        // The worker is free: it takes the next request if that has arrived, or waits for one.
        if (_more && _next.IntendedStart.Ticks <= now)
        {
            DispatchNext(now);
        }
        else
        {
            _idleWorkers++;
        }
    }

    private readonly record struct Event(Step Step, int Slot, int Generation, Request Call, bool Succeeded);
}
