using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Memory;

[Collection(RealClockCollection.Name)]
public sealed class MemoryProbeTests
{
    private const int Calls = 20_000;

    [Fact]
    public void PendingProbe_KeepsWhatTheAsyncEngineKeepsPerPendingCall()
    {
        double engine = EngineBytesPerPendingCall();

        MemorySample probe = MemoryProbe.Measure(MemoryProbeKind.PendingAsync, Calls);

        Assert.NotNull(probe.ManagedHeapBytes);
        double perCall = probe.ManagedHeapBytes!.Value / (double)Calls;
        // The same objects give the same size; 20 % leaves room for the collector's own bookkeeping.
        Assert.True(perCall >= 0.8 * engine, $"probe keeps {perCall:0} B per pending call, the async engine {engine:0} B");
    }

    // What a real async run keeps alive per call in flight, measured around the engine itself.
    private static double EngineBytesPerPendingCall()
    {
        Scenario scenario = new ScenarioBuilder
        {
            Name = "pending",
            Rate = "1000000",
            RequestCount = Calls.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Latency = "2s",
            Engine = EngineKind.Async,
            Clock = ClockKind.Real,
        }.Build();
        var run = new ScenarioRun(scenario);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        Task<RunResult> running = Task.Factory.StartNew(() => run.Run(CancellationToken.None), TaskCreationOptions.LongRunning);
        while (run.Sent < Calls && !running.IsCompleted)
        {
            Thread.Sleep(1);
        }

        Thread.Sleep(50); // the last handler starts its call just after it is counted as sent
        long during = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(0, run.Completed);
        running.Wait();
        return (during - before) / (double)Calls;
    }
}
