using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Tasks.Sources;
using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// The async engine's handling of a request allocates nothing, like the sync engine's. An async method
/// per request allocated its state (about 320 bytes) on every request that waited: 4.6 MiB over E1's
/// 10 000 requests, two gen0 collections in the run, each pausing every thread for 2–3 ms, and those
/// pauses landed in the async overhead's tail, which sync does not pay.
/// </summary>
/// <remarks>
/// The calls come from a caller that allocates nothing however many are in flight (the model caller's
/// pooled async methods allocate now and then when many are, and every time in a Debug build): what
/// is left is the engine's. The allocation counter is the whole process's, so the test takes the
/// smaller of two rounds.
/// </remarks>
[Collection(RealClockCollection.Name)] // runs alone: no other test allocates meanwhile
public sealed class AsyncEngineAllocationTests
{
    private const int Requests = 16_000;

    [Fact]
    public void AsyncEngine_HandlingARequest_AllocatesNothing()
    {
        // 20 000 requests/s, 200 µs calls: about four in flight at once, 0.8 s of load (enough requests
        // that the run's fixed allocations, its recorder's and the handlers' own, come to a few bytes each).
        Scenario scenario = TestScenarios.Build(20_000, Requests, "200us", clock: ClockKind.Real);
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        using var scheduler = new DueTimeScheduler("test-calls");
        var caller = new PooledCaller(scheduler, DueTimeScheduler.TimestampTicks(TimeSpan.FromMicroseconds(200)));

        double perRequest = double.MaxValue;
        for (int round = 0; round <= 2; round++)
        {
            var engine = new AsyncEngine(caller);
            engine.Start(CancellationToken.None);
            var schedule = new ArrivalSchedule(scenario);
            var recorder = new Recorder(scenario.LoadDuration);
            var clock = new RunClock(timer);

            long before = GC.GetTotalAllocatedBytes(precise: true);
            engine.Run(schedule, recorder, clock, CancellationToken.None);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            Assert.Equal(Requests, recorder.Completed);
            // Round 0 warms up.
            perRequest = round == 0 ? perRequest : Math.Min(perRequest, allocated / (double)Requests);
        }

        Assert.True(perRequest < 48, $"the engine allocated {perRequest:0.#} bytes per request");
    }

    /// <summary>Calls that end after a fixed time, each a reused object completed by a scheduler's thread.</summary>
    private sealed class PooledCaller(DueTimeScheduler scheduler, long holdTicks) : IEndpointCaller
    {
        private readonly ConcurrentQueue<PendingCall> _idle = new();

        public CallOutcome Call(Request request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<CallOutcome> CallAsync(Request request, CancellationToken cancellationToken)
        {
            PendingCall call = _idle.TryDequeue(out PendingCall? idle) ? idle : new PendingCall(_idle);
            ValueTask<CallOutcome> task = call.Task;
            scheduler.Schedule(call, Stopwatch.GetTimestamp() + holdTicks);
            return task;
        }
    }

    private sealed class PendingCall(ConcurrentQueue<PendingCall> idle) : IDueWait, IValueTaskSource<CallOutcome>
    {
        private ManualResetValueTaskSourceCore<CallOutcome> _core;

        public ValueTask<CallOutcome> Task => new(this, _core.Version);

        public bool CompletesOnThreadPool => false;

        public void Complete() => _core.SetResult(CallOutcome.Succeeded);

        public void Cancel() => _core.SetException(new OperationCanceledException());

        public CallOutcome GetResult(short token)
        {
            try
            {
                return _core.GetResult(token);
            }
            finally
            {
                _core.Reset();
                idle.Enqueue(this);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
