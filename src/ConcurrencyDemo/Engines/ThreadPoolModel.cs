using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The virtual clock's model of the .NET ThreadPool serving blocking work items, after dotnet/runtime's
/// src/libraries/System.Private.CoreLib/src/System/Threading/ (constants in <see cref="DotnetThreadPoolPolicy"/>):
/// <list type="bullet">
/// <item>One FIFO queue (ThreadPoolWorkQueue.cs). A thread that finishes an item takes the next one at
/// once while it is within the goal; an idle or new thread is started for queued work only while the
/// threads processing work are fewer than the goal (PortableThreadPool.WorkerThread.cs).</item>
/// <item>Starvation detection (PortableThreadPool.GateThread.cs): every GateActivitiesPeriodMs = 500, when
/// work is waiting, no blocking adjustment is pending, and no thread has started dispatching for more
/// than 500 ms, the goal becomes the threads processing work + 1. A thread that stays busy in its
/// dispatch loop does not count as starting, so blocked threads that keep taking the next item do not
/// hold this off; the thread it adds does, for one period.</item>
/// <item>Cooperative blocking (PortableThreadPool.Blocking.cs), only for waits the pool sees
/// (<see cref="BlockKind.Result"/>): the goal's target is min + blocked threads; up to
/// max(min + ThreadsToAddWithoutDelay, existing threads) it is raised at once, beyond that by one
/// thread after each delay of (1 + (goal − (min + cores)) / ThreadsPerDelayStep) × DelayStepMs
/// (25 ms), at most MaxDelayMs (250 ms); while it is pending, starvation detection stands aside.</item>
/// </list>
/// With <see cref="BlockKind.Result"/> the finished call releases its thread only when its completion,
/// queued as a work item (as Linux sockets queue theirs: SocketAsyncEngine.Unix.cs), reaches a thread:
/// behind every request queued before it. That is sync over async's starvation.
/// With <see cref="BlockKind.Poll"/> (the diagnostics tutorial's <c>tasksleepwait</c>) the completion is
/// queued the same way, but the blocked thread is no wait the pool sees: it sleeps in steps of
/// <see cref="ThreadPoolSettings.PollInterval"/> from when its request started and notices the completion
/// at its first look after the completion ran. Only starvation detection adds threads.
/// With an <see cref="EndpointPolicy"/> a work item holds its thread for all of its request's calls
/// (retries and hedges, by <see cref="VirtualPolicyCalls"/>, the rules the real engine's
/// <see cref="PolicyCalls"/> follows); with <see cref="BlockKind.Result"/> each call's end and each
/// hedge's timer is such a completion work item, and only the one that answers releases the blocked thread.
/// A request failed fast at once (breaker, bulkhead) never blocks its thread. One difference is left:
/// with <see cref="BlockKind.Sleep"/> and a hedge, the real work item waits for the pair as a task
/// (<see cref="PolicyCalls"/> needs awaiting for two calls at once), a wait the pool sees; the model keeps it unseen.
/// </summary>
/// <remarks>
/// Not modelled: hill climbing (PortableThreadPool.HillClimbing.cs), which moves the goal from
/// measured throughput with a randomized sample interval and a noise estimate, so it has no
/// deterministic counterpart here; the real pool can therefore add threads faster than this model
/// when nothing else does (see the README's cross-validation). Also not modelled: the retirement of
/// threads idle for 20 s, the memory-usage fallback, and CPU use (the model assumes the pool's CPU
/// utilization below CpuUtilizationLow, as blocked threads use none, so the starvation threshold is
/// 500 ms rather than goal × 1 s). Times are whole milliseconds, as Environment.TickCount counts them.
/// </remarks>
internal static class ThreadPoolModel
{
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private const long None = long.MaxValue;

    /// <summary>Runs the scenario and returns the pool's samples, one per second from 0 and one at the end.</summary>
    /// <param name="scenario">The run.</param>
    /// <param name="schedule">Its arrivals.</param>
    /// <param name="recorder">Where outcomes go.</param>
    /// <param name="policy">The mitigations; null: the workload's round robin, one call per request.</param>
    /// <param name="cancellationToken">Stops the simulation early.</param>
    public static IReadOnlyList<ThreadPoolSample> Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, EndpointPolicy? policy, CancellationToken cancellationToken) =>
        new Simulation(scenario, schedule, recorder, policy).Run(cancellationToken);

    private sealed class Simulation(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, EndpointPolicy? policy)
    {
        private readonly UpstreamSchedule _upstream = schedule.Upstream;
        private readonly VirtualPolicyCalls? _calls = policy is null ? null : new VirtualPolicyCalls(scenario, schedule.Upstream, recorder, policy);
        private readonly ThreadPoolSettings _pool = scenario.Pool!;
        private readonly bool _seen = scenario.Pool!.Block == BlockKind.Result;
        // The call's completion is a work item that needs a pool thread (sync over async, and polling).
        private readonly bool _completionQueued = scenario.Pool!.Block is BlockKind.Result or BlockKind.Poll;
        private readonly long _pollTicks = ThreadPoolSettings.PollInterval.Ticks;
        // A queued work item: a request, or (IsCompletion) the completion that releases the thread blocked on it
        // (with a policy: the completion of one of its calls or of its hedge's timer, which is Event).
        // Start: when the blocked thread started the call (a poller looks at it every PollInterval from then).
        private readonly Queue<(Request Request, bool IsCompletion, VirtualPolicyCalls.Event Event, long Start)> _queue = new();
        private readonly PriorityQueue<(Request Request, long Start), long> _holds = new(); // calls in progress, by when they end
        private readonly PriorityQueue<Request, long> _pollers = new(); // Poll: completed calls, by when their poller looks next
        private readonly List<ThreadPoolSample> _samples = [];
        private int _threads;      // existing worker threads (NumExistingThreads)
        private int _processing;   // threads processing work, blocked ones included (NumProcessingWork)
        private int _goal;         // NumThreadsGoal
        private int _blocked;      // threads in a wait the pool sees (_numBlockedThreads)
        private int _addedForBlocking;
        private int _finished;     // threads that just finished an item and have not yet taken another
        private long _completedItems;
        private long _recorded;
        private long _lastDispatchStart;
        private bool _blockingPending;
        private long _blockingDue = None; // when a delayed blocking adjustment may add its next thread
        private long _now;

        private int WithoutDelay => Math.Min(_pool.MinThreads + DotnetThreadPoolPolicy.ThreadsToAddWithoutDelay(_pool.ProcessorCount), _pool.MaxThreads);

        public IReadOnlyList<ThreadPoolSample> Run(CancellationToken cancellationToken)
        {
            _goal = _pool.MinThreads;
            long gatePeriod = DotnetThreadPoolPolicy.GateActivitiesPeriod.Ticks;
            long nextGate = gatePeriod;
            long nextSample = 0;
            // Until every request the schedule hands out is answered (a closed loop's --duration may end it early).
            while ((schedule.HasMore || _recorded < schedule.Issued) && !cancellationToken.IsCancellationRequested)
            {
                while (schedule.PeekDue is TimeSpan due && due.Ticks <= _now && schedule.TryNext(out Request request))
                {
                    _queue.Enqueue((request, false, default, 0));
                }

                while (_holds.TryPeek(out (Request Request, long Start) call, out long end) && end <= _now)
                {
                    _holds.Dequeue();
                    (Request request, long start) = call;
                    if (_completionQueued)
                    {
                        _queue.Enqueue((request, true, default, start)); // the thread stays blocked until this runs
                    }
                    else
                    {
                        Complete(request);
                        _finished++;
                    }
                }

                while (_calls is not null && _calls.TryPeek(out long priority) && priority >> 2 <= _now)
                {
                    VirtualPolicyCalls.Event e = _calls.Dequeue(out _);
                    if (_seen)
                    {
                        _queue.Enqueue((default, true, e, 0)); // handled when its completion gets a thread
                    }
                    else if (_calls.Handle(e, _now))
                    {
                        Answered();
                        _finished++;
                    }
                }

                while (_pollers.TryPeek(out Request polled, out long look) && look <= _now)
                {
                    _pollers.Dequeue();
                    Complete(polled); // the poller saw its call complete: its thread is free
                    _finished++;
                }

                Dispatch();
                if (_seen && _blockingPending && (_blockingDue == None || _now >= _blockingDue))
                {
                    AdjustForBlocking(previousDelayElapsed: _blockingDue != None);
                    Dispatch();
                }

                if (_now >= nextGate)
                {
                    nextGate += gatePeriod;
                    DetectStarvation(gatePeriod);
                    Dispatch();
                }

                while (_now >= nextSample)
                {
                    _samples.Add(new ThreadPoolSample(TimeSpan.FromTicks(nextSample), _threads, _queue.Count, _completedItems));
                    nextSample += TimeSpan.TicksPerSecond;
                }

                if (_holds.Count == 0 && _pollers.Count == 0 && (_calls?.Pending ?? 0) == 0 && schedule.PeekDue is null && _queue.Count > 0 && _processing >= _pool.MaxThreads)
                {
                    break; // every thread blocked at the maximum, the completions behind them: a deadlock, as on the real pool
                }

                _now = NextEvent(nextGate, nextSample);
            }

            _samples.Add(new ThreadPoolSample(TimeSpan.FromTicks(_now), _threads, _queue.Count, _completedItems));
            return _samples;
        }

        /// <summary>Threads that finished an item take the next or go idle; then idle or new threads start while under the goal.</summary>
        private void Dispatch()
        {
            while (true)
            {
                if (_finished > 0)
                {
                    _finished--;
                    // WorkerThread.ShouldStopProcessingWorkNow: a thread above the goal stops.
                    if (_queue.Count > 0 && _processing <= _goal)
                    {
                        Take(); // still in its dispatch loop: not a dispatch start
                    }
                    else
                    {
                        _processing--;
                    }

                    continue;
                }

                if (_queue.Count > 0 && _processing < _goal)
                {
                    _processing++;
                    _threads = Math.Max(_threads, _processing); // an idle thread if one exists, else a new one
                    _lastDispatchStart = _now;
                    Take();
                    continue;
                }

                return;
            }
        }

        private void Take()
        {
            (Request request, bool isCompletion, VirtualPolicyCalls.Event e, long start) = _queue.Dequeue();
            if (!isCompletion)
            {
                StartRequest(request);
                return;
            }

            _completedItems++; // the completion's own work item
            if (!_seen && _calls is null)
            {
                // Poll: the completion only marks the call done; its poller looks at the next step from its start.
                long look = start + ((_now - start + _pollTicks - 1) / _pollTicks * _pollTicks);
                if (look > _now)
                {
                    _pollers.Enqueue(request, look);
                    _finished++;
                    return;
                }

                Complete(request); // it looks at this very moment
                _finished += 2;
                return;
            }

            if (_calls is not null && !_calls.Handle(e, _now))
            {
                _finished++; // a retry went out, or a call no longer needed ended: only the completion's thread is free
                return;
            }

            // The completion runs at once; its thread and the one blocked on the call are both free.
            if (_calls is null)
            {
                Complete(request);
            }
            else
            {
                Answered();
            }

            _blocked--;
            if (_addedForBlocking > 0 && _goal > BlockingTarget)
            {
                _blockingPending = true; // NotifyThreadUnblocked: lowered at once
                _blockingDue = None;
            }

            _finished += 2;
        }

        private void StartRequest(Request request)
        {
            if (_calls is not null)
            {
                if (_calls.Start(request, _now))
                {
                    Answered(); // failed fast: the thread never blocked
                    _finished++;
                    return;
                }
            }
            else
            {
                if (!_upstream.IsFixed)
                {
                    // The call goes out now, when a thread runs the item: a slowdown window and the fan-out apply from here.
                    request = _upstream.AtCallTime(request, TimeSpan.FromTicks(_now));
                }

                _holds.Enqueue((request, _now), _now + scenario.HoldTime(request.Latency).Ticks);
            }

            if (_seen)
            {
                NotifyBlocked();
            }
        }

        // VirtualPolicyCalls recorded the request's answer.
        private void Answered()
        {
            _recorded++;
            _completedItems++;
        }

        private int BlockingTarget => Math.Min(_pool.MinThreads + _blocked, _pool.MaxThreads);

        private void NotifyBlocked()
        {
            _blocked++;
            if (!_blockingPending && _goal < BlockingTarget)
            {
                _blockingPending = true; // wakes the gate thread, which adjusts now or after the delay running
            }
        }

        /// <summary>PortableThreadPool.Blocking.cs, PerformBlockingAdjustment.</summary>
        private void AdjustForBlocking(bool previousDelayElapsed)
        {
            _blockingPending = false;
            _blockingDue = None;
            int target = BlockingTarget;
            if (_goal > target)
            {
                int down = Math.Min(_goal - target, _addedForBlocking);
                _addedForBlocking -= down;
                _goal -= down;
                return;
            }

            if (_goal == target)
            {
                return;
            }

            int withoutDelay = Math.Min(target, Math.Max(WithoutDelay, Math.Min(_threads, _pool.MaxThreads)));
            int next = _goal < withoutDelay ? withoutDelay : previousDelayElapsed ? _goal + 1 : _goal;
            _addedForBlocking += next - _goal;
            _goal = next;
            if (_goal >= target)
            {
                return;
            }

            _blockingPending = true;
            _blockingDue = _now + DotnetThreadPoolPolicy.BlockingDelay(_goal, WithoutDelay, _pool.ProcessorCount).Ticks;
        }

        /// <summary>PortableThreadPool.GateThread.cs: the periodic starvation check.</summary>
        private void DetectStarvation(long gatePeriod)
        {
            bool waiting = _queue.Count > 0 && _processing >= _goal;
            // SufficientDelaySinceLastDequeue: strictly more than the period, in whole milliseconds.
            bool starved = (_now - _lastDispatchStart) / Ms > gatePeriod / Ms;
            if (!_blockingPending && waiting && starved && _processing < _pool.MaxThreads)
            {
                _goal = _processing + 1;
            }
        }

        private void Complete(Request request)
        {
            TimeSpan at = TimeSpan.FromTicks(_now);
            if (scenario.Succeeds(request.Latency))
            {
                recorder.RecordSuccess(request.IntendedStart, at, request.Latency);
            }
            else
            {
                recorder.RecordTimeout(request.IntendedStart, at);
            }

            _recorded++;
            _completedItems++;
        }

        /// <summary>The next instant anything happens: an arrival, a call's end, the gate thread, a delayed adjustment or a sample.</summary>
        private long NextEvent(long nextGate, long nextSample)
        {
            long next = Math.Min(nextGate, nextSample);
            if (_blockingPending)
            {
                next = Math.Min(next, _blockingDue == None ? _now : _blockingDue);
            }

            if (schedule.PeekDue is TimeSpan due)
            {
                if (due.Ticks <= _now)
                {
                    return _now; // a closed loop's connection was answered just now: it sends now, not a tick later
                }

                next = Math.Min(next, due.Ticks);
            }

            if (_holds.TryPeek(out _, out long end))
            {
                next = Math.Min(next, end);
            }

            if (_pollers.TryPeek(out _, out long look))
            {
                next = Math.Min(next, look);
            }

            if (_calls is not null && _calls.TryPeek(out long priority))
            {
                next = Math.Min(next, priority >> 2);
            }

            return Math.Max(next, _now + 1);
        }
    }
}
