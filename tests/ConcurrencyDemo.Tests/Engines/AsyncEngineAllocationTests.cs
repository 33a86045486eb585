using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// The async engine's handling of a request allocates nothing beyond the call itself, like the sync
/// engine's. An async method per request allocated its state (about 320 bytes) on every request that
/// waited: 4.6 MiB over E1's 10 000 requests, two gen0 collections in the run, each pausing every
/// thread for 2–3 ms, and those pauses landed in the async overhead's tail, which sync does not pay.
/// </summary>
/// <remarks>
/// The allocation counter is the whole process's; the test subtracts what the same calls allocate
/// when awaited one by one (in a Debug build the compiler makes each async method's state a fresh
/// object, and that is the call's, not the engine's).
/// </remarks>
[Collection(RealClockCollection.Name)] // runs alone: no other test allocates meanwhile
public sealed class AsyncEngineAllocationTests
{
    private const int Requests = 16_000;

    [Fact]
    public async Task AsyncEngine_HandlingARequest_AllocatesNothingBeyondTheCall()
    {
        // 20 000 requests/s, 200 µs calls: about four in flight at once, 0.8 s of load (enough requests
        // that the run's fixed allocations, its recorder's and the handlers' own, come to a few bytes each).
        Scenario scenario = TestScenarios.Build(20_000, Requests, "200us", clock: ClockKind.Real);
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        var caller = new ModelEndpointCaller(scenario, timer);

        double perCall = await Task.Run(() => AllocatedPerAwaitedCallAsync(caller, scenario));
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
            // Round 0 warms up; the smallest of the others leaves out the test framework's own threads.
            perRequest = round == 0 ? perRequest : Math.Min(perRequest, allocated / (double)Requests);
        }

        double engineOwn = perRequest - perCall;
        Assert.True(engineOwn < 48, $"the engine allocated {engineOwn:0.#} bytes per request beyond the call's {perCall:0.#}");
    }

    private static async Task<double> AllocatedPerAwaitedCallAsync(ModelEndpointCaller caller, Scenario scenario)
    {
        var call = new Request(0, TimeSpan.Zero, 0, scenario.EndpointLatencies[0]);
        double perCall = double.MaxValue;
        for (int round = 0; round <= 3; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 400; i++)
            {
                await caller.CallAsync(call, CancellationToken.None).ConfigureAwait(false);
            }

            perCall = round == 0 ? perCall : Math.Min(perCall, (GC.GetTotalAllocatedBytes(precise: true) - before) / 400.0);
        }

        return perCall;
    }
}
