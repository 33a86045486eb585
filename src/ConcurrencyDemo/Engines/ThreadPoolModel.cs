using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The virtual clock's model of the .NET ThreadPool serving blocking work items: one FIFO queue, a
/// thread-count goal that starts at the minimum, and the runtime's two ways of raising it, taken from
/// dotnet/runtime's src/libraries/System.Private.CoreLib/src/System/Threading/:
/// <list type="bullet">
/// <item>Starvation detection (PortableThreadPool.GateThread.cs): the gate thread wakes every
/// <see cref="DotnetThreadPoolPolicy.GateActivitiesPeriod"/> (GateActivitiesPeriodMs = 500) and, when work is waiting and no
/// thread took any, sets the goal to the threads processing work + 1.</item>
/// <item>Cooperative blocking (PortableThreadPool.Blocking.cs), only for waits the pool sees
/// (<see cref="BlockKind.Result"/>): the goal's target is min + blocked threads; up to min +
/// ThreadsToAddWithoutDelay (= core count) it is raised at once, beyond that by one thread per delay
/// of (1 + (goal − (min + cores)) / ThreadsPerDelayStep (= cores)) × DelayStepMs (25 ms), at most
/// MaxDelayMs (250 ms); it falls back as blocked threads unblock.</item>
/// </list>
/// Not modelled: hill climbing (PortableThreadPool.HillClimbing.cs), which moves the goal on
/// throughput, not on queue length; the 20 s retirement of idle threads; the memory-usage fallback.
/// </summary>
/// <remarks>
/// The model works in whole milliseconds, as the gate thread does (Environment.TickCount). With
/// <see cref="BlockKind.Result"/> a finished call releases its thread only after a continuation work
/// item (the timer's completion, as an I/O completion is on Linux) is dequeued behind every request
/// queued before it — the real engine's behaviour, and the reason sync over async starves so badly.
/// </remarks>
internal static class ThreadPoolModel
{
    private const long Ms = TimeSpan.TicksPerMillisecond;
    private const int NoThread = -1;

    /// <summary>Runs the scenario and returns the pool's samples, one per second and one at the end.</summary>
    public static IReadOnlyList<ThreadPoolSample> Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, CancellationToken cancellationToken)
    {
        ThreadPoolSettings pool = scenario.Pool!;
        bool seen = pool.Block == BlockKind.Result;
        int cores = pool.ProcessorCount;
        int withoutDelay = Math.Min(pool.MinThreads + DotnetThreadPoolPolicy.ThreadsToAddWithoutDelay(cores), pool.MaxThreads);
        long gatePeriod = DotnetThreadPoolPolicy.GateActivitiesPeriod.Ticks;

        // A queued item: a request (Thread = NoThread) or the continuation that releases a blocked thread.
        var queue = new Queue<(Request Request, int Thread)>();
        var holds = new PriorityQueue<int, long>(); // threads in a call, by when the call ends
        var blockedOn = new Dictionary<int, Request>();
        var idle = new Stack<int>();
        var samples = new List<ThreadPoolSample>();

        int goal = pool.MinThreads;
        int threads = 0;        // created so far
        int processing = 0;     // threads running an item (blocked ones included)
        int blocked = 0;        // threads in a wait the pool sees
        int addedForBlocking = 0;
        long completedItems = 0;
        long nextBlockingAdjustment = long.MaxValue; // tick of the next delayed +1, when one is pending
        long nextGate = gatePeriod;
        long nextSample = 0;
        long lastDispatch = 0;
        long recorded = 0;
        long total = scenario.RequestCount;

        long now = 0;
        while (recorded < total)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            // Arrivals due by now join the queue.
            while (schedule.PeekDue is TimeSpan due && due.Ticks <= now && schedule.TryNext(out Request request))
            {
                queue.Enqueue((request, NoThread));
            }

            // Calls that ended: an unseen wait frees its thread; a seen one needs its continuation run first.
            while (holds.TryPeek(out int thread, out long end) && end <= now)
            {
                holds.Dequeue();
                if (seen)
                {
                    queue.Enqueue((blockedOn[thread], thread));
                }
                else
                {
                    Request request = blockedOn[thread];
                    blockedOn.Remove(thread);
                    Record(scenario, recorder, request, end);
                    recorded++;
                    completedItems++;
                    processing--;
                    idle.Push(thread);
                }
            }

            // Threads up to the goal take items off the queue, oldest first.
            while (queue.Count > 0 && processing < goal)
            {
                (Request request, int owner) = queue.Dequeue();
                int thread = idle.Count > 0 ? idle.Pop() : threads++;
                lastDispatch = now;
                if (owner == NoThread)
                {
                    processing++;
                    blockedOn[thread] = request;
                    holds.Enqueue(thread, now + scenario.HoldTime(request.Latency).Ticks);
                    if (seen)
                    {
                        blocked++;
                        if (nextBlockingAdjustment == long.MaxValue)
                        {
                            nextBlockingAdjustment = now; // NotifyThreadBlocked wakes the gate thread
                        }
                    }

                    continue;
                }

                // The continuation: runs at once on this thread, which stays free, and releases the owner.
                idle.Push(thread);
                completedItems++;
                blockedOn.Remove(owner);
                Record(scenario, recorder, request, now);
                recorded++;
                completedItems++;
                processing--;
                blocked--;
                idle.Push(owner);
            }

            // Cooperative blocking (PortableThreadPool.Blocking.cs, PerformBlockingAdjustment).
            if (seen && now >= nextBlockingAdjustment)
            {
                int target = Math.Min(pool.MinThreads + blocked, pool.MaxThreads);
                nextBlockingAdjustment = long.MaxValue;
                if (goal > target && addedForBlocking > 0)
                {
                    int down = Math.Min(goal - target, addedForBlocking);
                    addedForBlocking -= down;
                    goal -= down;
                }
                else if (goal < target)
                {
                    int free = Math.Max(withoutDelay, Math.Min(threads, pool.MaxThreads));
                    int next = goal < Math.Min(target, free) ? Math.Min(target, free) : goal + 1;
                    addedForBlocking += next - goal;
                    goal = next;
                    if (goal < target)
                    {
                        nextBlockingAdjustment = now + DotnetThreadPoolPolicy.BlockingDelay(goal, withoutDelay, cores).Ticks;
                    }
                }
            }

            // Starvation detection (PortableThreadPool.GateThread.cs): work waits and no thread took any for a period.
            if (now >= nextGate)
            {
                nextGate += gatePeriod;
                bool noBlockingAdjustmentPending = nextBlockingAdjustment == long.MaxValue;
                if (noBlockingAdjustmentPending && queue.Count > 0 && now - lastDispatch >= gatePeriod
                    && processing < pool.MaxThreads && processing >= goal)
                {
                    goal = processing + 1;
                    continue; // the new thread takes an item at this same tick
                }
            }

            while (now >= nextSample)
            {
                samples.Add(new ThreadPoolSample(TimeSpan.FromTicks(nextSample), threads, queue.Count, completedItems));
                nextSample += TimeSpan.TicksPerSecond;
            }

            now = NextEvent(now, schedule, holds, nextGate, nextBlockingAdjustment, nextSample, queue.Count > 0 && processing < goal);
        }

        samples.Add(new ThreadPoolSample(TimeSpan.FromTicks(now), threads, queue.Count, completedItems));
        return samples;
    }

    /// <summary>The next whole millisecond at which anything can happen.</summary>
    private static long NextEvent(long now, ArrivalSchedule schedule, PriorityQueue<int, long> holds, long nextGate, long nextBlockingAdjustment, long nextSample, bool canDispatch)
    {
        if (canDispatch)
        {
            return now;
        }

        long next = Math.Min(nextGate, Math.Min(nextBlockingAdjustment, nextSample));
        if (schedule.PeekDue is TimeSpan due)
        {
            next = Math.Min(next, due.Ticks);
        }

        if (holds.TryPeek(out _, out long end))
        {
            next = Math.Min(next, end);
        }

        // Whole milliseconds, as the runtime's gate thread counts them; never backwards.
        long rounded = (next + Ms - 1) / Ms * Ms;
        return Math.Max(rounded, now + Ms);
    }

    private static void Record(Scenario scenario, Recorder recorder, Request request, long completionTicks)
    {
        if (scenario.Succeeds(request.Latency))
        {
            recorder.RecordSuccess(request.IntendedStart, TimeSpan.FromTicks(completionTicks), request.Latency);
        }
        else
        {
            recorder.RecordTimeout(request.IntendedStart, TimeSpan.FromTicks(completionTicks));
        }
    }
}
