using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The virtual clock: a discrete-event simulation of exactly what the real engines do, in integer
/// ticks, deterministic, in milliseconds of wall time however long the simulated run.
/// </summary>
/// <remarks>
/// Requests arrive in order and the sync engine's queue is FIFO, so each request's fate follows from
/// the ones before it: it starts on the worker that frees up first (a min-heap of worker free
/// times, the BCL's <see cref="PriorityQueue{TElement,TPriority}"/>), no earlier than it arrives,
/// and holds that worker for min(latency, timeout). Async has no workers: a request completes one
/// hold after it arrives. CPU cost is a second FIFO stage on a heap of core free times. A dispatch is
/// done by the free worker under the queue's lock: it holds that worker and, one at a time, the
/// queue. Only the heaps are kept, so memory
/// does not grow with the number of requests.
/// With mitigations, retries and hedges interleave a request's calls with later requests': the run
/// goes to <see cref="MitigatedSimulation"/>, which handles every call as an event.
/// </remarks>
internal static class VirtualClockSimulator
{
    private const int CancellationCheckInterval = 1 << 16;

    public static void Run(Scenario scenario, ArrivalSchedule schedule, Recorder recorder, EndpointPolicy? policy, CancellationToken cancellationToken)
    {
        if (policy is not null)
        {
            MitigatedSimulation.Run(scenario, schedule, recorder, policy, cancellationToken);
            return;
        }

        UpstreamSchedule upstream = schedule.Upstream;
        ModelCosts costs = scenario.Costs;
        PriorityQueue<int, long>? workers = scenario.Engine == EngineKind.Sync ? FreeAtZero(scenario.Threads) : null;
        PriorityQueue<int, long>? cores = costs.CpuPerRequest > TimeSpan.Zero ? FreeAtZero(costs.Cores) : null;
        long cpuTicks = costs.CpuPerRequest.Ticks;
        long dispatchTicks = costs.DispatchCost.Ticks;
        long queueFreeAt = 0;

        long n = 0;
        while (schedule.TryNext(out Request request))
        {
            if (++n % CancellationCheckInterval == 0 && cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // Sent, not due: a closed loop sends a request only once a connection is answered.
            long arrival = request.Sent.Ticks;
            long ready = arrival;
            int worker = -1;
            if (workers is not null)
            {
                workers.TryDequeue(out worker, out long workerFreeAt);
                ready = Math.Max(ready, workerFreeAt);
                if (dispatchTicks > 0)
                {
                    // The free worker takes the request off the shared queue itself, one hand-off at a
                    // time: the hand-off holds the worker and the queue (ScenarioTheory counts it so).
                    ready = Math.Max(ready, queueFreeAt) + dispatchTicks;
                    queueFreeAt = ready;
                }
            }

            if (cores is not null)
            {
                cores.TryDequeue(out int core, out long coreFreeAt);
                long cpuDone = Math.Max(ready, coreFreeAt) + cpuTicks;
                cores.Enqueue(core, cpuDone);
                ready = cpuDone;
            }

            if (!upstream.IsFixed)
            {
                // The calls go out at `ready`: a slowdown window and the fan-out apply from there.
                request = upstream.AtCallTime(request, TimeSpan.FromTicks(ready));
            }

            long completion = ready + scenario.HoldTime(request.Latency).Ticks;
            workers?.Enqueue(worker, completion);
            if (scenario.Succeeds(request.Latency))
            {
                recorder.RecordSuccess(request.IntendedStart, TimeSpan.FromTicks(completion), request.Latency);
            }
            else
            {
                recorder.RecordTimeout(request.IntendedStart, TimeSpan.FromTicks(completion));
            }
        }
    }

    private static PriorityQueue<int, long> FreeAtZero(int count)
    {
        var heap = new PriorityQueue<int, long>(count);
        for (int i = 0; i < count; i++)
        {
            heap.Enqueue(i, 0);
        }

        return heap;
    }
}
