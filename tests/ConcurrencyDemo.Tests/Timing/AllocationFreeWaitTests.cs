using System.Diagnostics;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Timing;

/// <summary>
/// Sync and async pay the same timer cost: a blocked thread's precise wait allocates nothing, and
/// neither does an awaited one once warm. Before, each awaited wait allocated a task, its completion
/// source, and a list to reach the thread pool (about 200 bytes per call). The scheduler is measured
/// directly: in a Debug build the compiler makes every async method's state a fresh object.
/// </summary>
[Collection(RealClockCollection.Name)] // runs alone: no other test allocates meanwhile
public sealed class AllocationFreeWaitTests
{
    private const int Calls = 2000;
    private static readonly long s_hold = DueTimeScheduler.TimestampTicks(TimeSpan.FromMicroseconds(20));

    [Fact]
    public async Task AwaitedWait_AllocatesNothingOnceWarm()
    {
        using var scheduler = new DueTimeScheduler("test-timer");

        // On a pool thread, outside the test framework's context (resuming through it would allocate).
        double perCall = await Task.Run(() => AllocatedPerAwaitedWaitAsync(scheduler));

        // A little slack for whatever the runtime's own threads allocate meanwhile.
        Assert.True(perCall < 32, $"{perCall:0.#} bytes per awaited wait");
    }

    [Fact]
    public void BlockedWait_AllocatesNothingOnceWarm()
    {
        using var scheduler = new DueTimeScheduler("test-timer");
        for (int i = 0; i < 100; i++)
        {
            scheduler.Block(Stopwatch.GetTimestamp() + s_hold, CancellationToken.None);
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Calls; i++)
        {
            scheduler.Block(Stopwatch.GetTimestamp() + s_hold, CancellationToken.None);
        }

        double perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Calls;
        Assert.True(perCall < 32, $"{perCall:0.#} bytes per blocked wait");
    }

    private static async Task<double> AllocatedPerAwaitedWaitAsync(DueTimeScheduler scheduler)
    {
        for (int i = 0; i < 100; i++)
        {
            await scheduler.AwaitAt(Stopwatch.GetTimestamp() + s_hold).ConfigureAwait(false);
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Calls; i++)
        {
            await scheduler.AwaitAt(Stopwatch.GetTimestamp() + s_hold).ConfigureAwait(false);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Calls;
    }
}
