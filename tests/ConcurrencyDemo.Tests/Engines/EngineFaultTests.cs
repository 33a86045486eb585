using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// A defect inside a request's handling must fail the run, not vanish: the async engine's request
/// tasks are fire-and-forget, and an exception in one left its request "unfinished" with nothing said.
/// </summary>
public sealed class EngineFaultTests
{
    [Fact]
    public void AsyncEngine_AnExceptionInACall_FailsTheRun()
    {
        Scenario scenario = TestScenarios.Build(1000, 20, "1ms", clock: ClockKind.Real);
        using RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        var engine = new AsyncEngine(new FaultyCaller());
        engine.Start(CancellationToken.None);

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(
            () => engine.Run(new ArrivalSchedule(scenario), new Recorder(scenario.LoadDuration), new RunClock(timer), CancellationToken.None));
        Assert.Equal("a defect", e.Message);
    }

    private sealed class FaultyCaller : IEndpointCaller
    {
        public CallOutcome Call(Request request, CancellationToken cancellationToken) => throw new InvalidOperationException("a defect");

        public ValueTask<CallOutcome> CallAsync(Request request, CancellationToken cancellationToken) =>
            request.Index == 7 ? throw new InvalidOperationException("a defect") : ValueTask.FromResult(CallOutcome.Succeeded);
    }
}
