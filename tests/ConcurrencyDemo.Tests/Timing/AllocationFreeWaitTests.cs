using System.Diagnostics;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Timing;

/// <summary>
/// Sync and async pay the same timer cost: a blocked thread's precise wait allocates nothing, and
/// neither does an awaited one once warm. Before, each awaited wait allocated a task, its completion
/// source, and a list to reach the thread pool (about 90–200 bytes per call). The scheduler is
/// measured directly: in a Debug build the compiler makes every async method's state a fresh object.
/// </summary>
/// <remarks>
/// The allocation counter is the whole process's, and the test framework's own threads allocate now
/// and then; so each test takes the smallest of several rounds. A wait that allocates shows in every round.
/// </remarks>
[Collection(RealClockCollection.Name)] // runs alone: no other test allocates meanwhile
public sealed class AllocationFreeWaitTests
{
    private const int Rounds = 5;
    private const int CallsPerRound = 400;
    private static readonly long s_hold = DueTimeScheduler.TimestampTicks(TimeSpan.FromMicroseconds(20));

    [Fact]
    public async Task AwaitedWait_AllocatesNothingOnceWarm()
    {
        using var scheduler = new DueTimeScheduler("test-timer");

        // On a pool thread, outside the test framework's context (resuming through it would allocate).
        double perCall = await Task.Run(() => AllocatedPerAwaitedWaitAsync(scheduler));

        Assert.True(perCall < 16, $"{perCall:0.#} bytes per awaited wait");
    }

    [Fact]
    public void BlockedWait_AllocatesNothingOnceWarm()
    {
        using var scheduler = new DueTimeScheduler("test-timer");
        double perCall = double.MaxValue;
        for (int round = 0; round <= Rounds; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < CallsPerRound; i++)
            {
                scheduler.Block(Stopwatch.GetTimestamp() + s_hold, CancellationToken.None);
            }

            // Round 0 warms up.
            perCall = round == 0 ? perCall : Math.Min(perCall, (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)CallsPerRound);
        }

        Assert.True(perCall < 16, $"{perCall:0.#} bytes per blocked wait");
    }

    private static async Task<double> AllocatedPerAwaitedWaitAsync(DueTimeScheduler scheduler)
    {
        double perCall = double.MaxValue;
        for (int round = 0; round <= Rounds; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < CallsPerRound; i++)
            {
                await scheduler.AwaitAt(Stopwatch.GetTimestamp() + s_hold).ConfigureAwait(false);
            }

            // Round 0 warms up.
            perCall = round == 0 ? perCall : Math.Min(perCall, (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)CallsPerRound);
        }

        return perCall;
    }
}
