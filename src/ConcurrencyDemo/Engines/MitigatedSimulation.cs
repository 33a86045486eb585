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
/// </remarks>
internal sealed class MitigatedSimulation
{
    private const int CancellationCheckInterval = 1 << 16;

    private readonly Scenario _scenario;
    private readonly UpstreamSchedule _upstream;
    private readonly Recorder _recorder;
    private readonly EndpointPolicy _policy;
    private readonly PriorityQueue<Event, long> _events = new();
    private readonly Queue<Pending> _waiting = new();
    private readonly PriorityQueue<int, long>? _cores;
    private readonly long _cpuTicks;
    private readonly long _dispatchTicks;
    private readonly bool _sync;
    private readonly long _hedgeAfterTicks;
    private int _idleWorkers;
    private long _queueFreeAt;

    private MitigatedSimulation(Scenario scenario, UpstreamSchedule upstream, Recorder recorder, EndpointPolicy policy)
    {
        _scenario = scenario;
        _upstream = upstream;
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
        new MitigatedSimulation(scenario, schedule.Upstream, recorder, policy).Run(schedule, cancellationToken);

    private static long Priority(long ticks, Step step) => (ticks << 2) | (long)step;

    private void Run(ArrivalSchedule schedule, CancellationToken cancellationToken)
    {
        bool more = schedule.TryNext(out Request next);
        long n = 0;
        while (more || _events.Count > 0)
        {
            if (++n % CancellationCheckInterval == 0 && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (more && (!_events.TryPeek(out _, out long due) || Priority(next.IntendedStart.Ticks, Step.Arrives) < due))
            {
                Arrive(new Pending(next), next.IntendedStart.Ticks);
                more = schedule.TryNext(out next);
                continue;
            }

            _events.TryDequeue(out Event e, out long priority);
            long now = priority >> 2;
            switch (e.Step)
            {
                case Step.CallEnds:
                    CallEnds(e.Request, e.Call, e.Succeeded, now);
                    break;
                case Step.HedgeDue:
                    HedgeDue(e.Request, now);
                    break;
                default:
                    _policy.RequestStarted(now);
                    StartCall(e.Request, now, avoid: -1, attempt: 0);
                    break;
            }
        }
    }

    private void Arrive(Pending request, long now)
    {
        if (!_sync)
        {
            Dispatch(request, now);
        }
        else if (_idleWorkers > 0)
        {
            _idleWorkers--;
            Dispatch(request, now);
        }
        else
        {
            _waiting.Enqueue(request);
        }
    }

    // A worker (sync) or the event loop (async) takes the request at `now`; its first call goes out once
    // the hand-off and the CPU work are done, as VirtualClockSimulator computes them.
    private void Dispatch(Pending request, long now)
    {
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

        _events.Enqueue(new Event(Step.AttemptStarts, request, default, false), Priority(ready, Step.AttemptStarts));
    }

    private void StartCall(Pending request, long now, int avoid, int attempt)
    {
        Request call = request.Request with { Attempt = attempt };
        TimeSpan at = TimeSpan.FromTicks(now);
        if (!_policy.TryRoute(call, at, avoid, out call))
        {
            // Failed fast: a failed attempt, unless (a hedge) another call is still out.
            if (request.CallsOut == 0)
            {
                AttemptFailed(request, CallOutcome.Failed, now, call);
            }

            return;
        }

        if (!_upstream.IsFixed)
        {
            call = _upstream.AtCallTime(call, at);
        }

        request.CallsOut++;
        request.LastEndpoint = call.Endpoint;
        long end = now + _scenario.HoldTime(call.Latency).Ticks;
        _events.Enqueue(new Event(Step.CallEnds, request, call, _scenario.Succeeds(call.Latency)), Priority(end, Step.CallEnds));
        if (attempt == 0 && _hedgeAfterTicks > 0)
        {
            _events.Enqueue(new Event(Step.HedgeDue, request, default, false), Priority(now + _hedgeAfterTicks, Step.HedgeDue));
        }
    }

    private void HedgeDue(Pending request, long now)
    {
        // Only the first attempt is hedged, and only while it is still the one call out.
        if (request.Answered || request.Retries > 0 || request.CallsOut != 1)
        {
            return;
        }

        _policy.Hedging();
        request.Hedged = true;
        StartCall(request, now, avoid: request.LastEndpoint, attempt: 1);
    }

    private void CallEnds(Pending request, Request call, bool succeeded, long now)
    {
        if (request.Answered)
        {
            return; // abandoned when the other call answered, and counted then
        }

        _policy.Completed(call.Endpoint, succeeded, now);
        request.CallsOut--;
        if (succeeded)
        {
            if (request.CallsOut > 0)
            {
                // The first answer wins: the call still out is abandoned now.
                _policy.Abandoned(call.Attempt == 1 && request.Hedged ? request.FirstEndpoint : request.LastEndpoint, now);
            }

            if (request.Hedged && call.Attempt == 1)
            {
                _policy.HedgeWon();
            }

            Answer(request, CallOutcome.Succeeded, now, call);
        }
        else if (request.CallsOut == 0)
        {
            AttemptFailed(request, CallOutcome.TimedOut, now, call);
        }
    }

    private void AttemptFailed(Pending request, CallOutcome outcome, long now, Request call)
    {
        if (_policy.TryRetry(request.Retries, now))
        {
            request.Retries++;
            // Attempts are numbered as PolicyCalls numbers them: 0 first, 1 the hedge (when hedging), retries after.
            StartCall(request, now, avoid: call.Endpoint, attempt: request.Retries + (_hedgeAfterTicks > 0 ? 1 : 0));
        }
        else
        {
            Answer(request, outcome, now, call);
        }
    }

    private void Answer(Pending request, CallOutcome outcome, long now, Request call)
    {
        request.Answered = true;
        _recorder.Record(outcome, request.Request.IntendedStart, TimeSpan.FromTicks(now), call.Latency);
        if (!_sync)
        {
            return;
        }

        // The worker is free: it takes the next request waiting, or waits itself.
        if (_waiting.TryDequeue(out Pending? waiting))
        {
            Dispatch(waiting, now);
        }
        else
        {
            _idleWorkers++;
        }
    }

    private readonly record struct Event(Step Step, Pending Request, Request Call, bool Succeeded);

    /// <summary>A request between its arrival and its answer.</summary>
    private sealed class Pending(Request request)
    {
        public Request Request { get; } = request;

        public int CallsOut { get; set; }

        public int Retries { get; set; }

        public bool Hedged { get; set; }

        public bool Answered { get; set; }

        public int FirstEndpoint { get; private set; } = -1;

        public int LastEndpoint
        {
            get;
            set
            {
                field = value;
                if (FirstEndpoint < 0)
                {
                    FirstEndpoint = value;
                }
            }
        }
    }
}
