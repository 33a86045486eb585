using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The virtual clock with an <see cref="EndpointPolicy"/> for the sync and async modes: a discrete-event
/// simulation in integer ticks, where every call's start, end, hedge and retry is an event handled in
/// time order (by <see cref="VirtualPolicyCalls"/>, shared with <see cref="ThreadPoolModel"/>), so the
/// policy (balancer, ejection, breaker, bulkhead, retry budget) sees the run as the real engines' policy does.
/// </summary>
/// <remarks>
/// Without a policy each request's fate follows from the ones before it and
/// <see cref="VirtualClockSimulator"/> computes it directly; a retry or hedge makes a request's calls
/// interleave with later requests', which needs the event queue. At one instant, calls that end are
/// heard first, then hedges fall due, then attempts start, then requests arrive (as the real engines'
/// policy hears an answer before it routes the call a freed thread takes next); events of one kind at
/// one instant are handled in the order they were scheduled (<see cref="EventQueue{TEvent}"/>).
/// Memory does not grow with the run: a sync request waiting for a worker stays in the arrival
/// schedule (the queue is FIFO, so the next arrival is the next to be served), and a request in flight
/// lives in a reused slot of <see cref="VirtualPolicyCalls"/>, so the simulation allocates nothing per request.
/// </remarks>
internal sealed class MitigatedSimulation
{
    private const int CancellationCheckInterval = 1 << 16;

    private readonly ArrivalSchedule _schedule;
    private readonly VirtualPolicyCalls _calls;
    private readonly PriorityQueue<int, long>? _cores;
    private readonly long _cpuTicks;
    private readonly long _dispatchTicks;
    private readonly bool _sync;
    private int _idleWorkers;
    private long _queueFreeAt;
    private bool _more;
    private Request _next;

    private MitigatedSimulation(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, EndpointPolicy policy)
    {
        _schedule = schedule;
        _calls = new VirtualPolicyCalls(scenario, schedule.Upstream, recorder, policy);
        _sync = scenario.Engine == EngineKind.Sync;
        _idleWorkers = _sync ? scenario.Threads : 0;
        _cpuTicks = scenario.Costs.CpuPerRequest.Ticks;
        _dispatchTicks = _sync ? scenario.Costs.DispatchCost.Ticks : 0;
        if (_cpuTicks > 0)
        {
            _cores = new PriorityQueue<int, long>(scenario.Costs.Cores);
            for (int i = 0; i < scenario.Costs.Cores; i++)
            {
                _cores.Enqueue(i, 0);
            }
        }
    }

    public static void Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, EndpointPolicy policy, CancellationToken cancellationToken) =>
        new MitigatedSimulation(scenario, schedule, recorder, policy).Run(cancellationToken);

    private void Run(CancellationToken cancellationToken)
    {
        _more = _schedule.TryNext(out _next);
        long n = 0;
        while (_more || _calls.Pending > 0)
        {
            if (++n % CancellationCheckInterval == 0 && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // A sync request that finds every worker busy waits in the schedule: a freed worker takes it (Answered).
            bool canArrive = _more && (!_sync || _idleWorkers > 0);
            if (canArrive && (!_calls.TryPeek(out long due) || VirtualPolicyCalls.Priority(_next.IntendedStart.Ticks, VirtualPolicyCalls.Step.Arrives) < due))
            {
                _idleWorkers -= _sync ? 1 : 0;
                DispatchNext(_next.IntendedStart.Ticks);
                continue;
            }

            VirtualPolicyCalls.Event e = _calls.Dequeue(out long now);
            if (_calls.Handle(e, now))
            {
                Answered(now);
            }
        }
    }

    // A worker (sync) or the event loop (async) takes the next arrival at `now`; its first call goes out
    // once the hand-off and the CPU work are done, as VirtualClockSimulator computes them.
    private void DispatchNext(long now)
    {
        Request request = _next;
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

        _calls.StartAt(request, now, ready);
    }

    // A request was answered (and recorded) at `now`.
    private void Answered(long now)
    {
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
}
