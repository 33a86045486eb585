using ConcurrencyDemo.Locking;

namespace ConcurrencyDemo.Tests.Locking;

/// <summary>Real-clock runs, short, with wide tolerances: the sink is so slow that the difference is gross.</summary>
/// <remarks>
/// Alone, like every real-clock test: run beside the suite's other tests on 2 cores, the owner's
/// workers were descheduled long enough to count 16 % waiting against the 10 % bound (a fresh clone's
/// full suite, 2.6 s in, with nothing else running on the machine).
/// </remarks>
[Collection(RealClockCollection.Name)]
public sealed class LockingRunTests
{
    // The sink can write 200 events/s; four workers want to hand off several thousand.
    private static LockingOptions SlowSink(int? queueCapacity = null) => new(
        Workers: 4,
        Duration: TimeSpan.FromMilliseconds(600),
        WorkPerEvent: TimeSpan.FromMilliseconds(1),
        WriteLatency: TimeSpan.FromMilliseconds(5),
        SlowdownAt: null,
        SlowdownLatency: TimeSpan.FromMilliseconds(5),
        QueueCapacity: queueCapacity);

    [Fact]
    public void OwnerWorkers_WaitFarLessThanCoarseWorkers_WithASlowSink()
    {
        LockingResult coarse = new LockingRun(SlowSink(), LockingMode.Coarse).Run();
        LockingResult owner = new LockingRun(SlowSink(), LockingMode.Owner).Run();

        PhaseSummary c = Assert.Single(coarse.Phases);
        PhaseSummary o = Assert.Single(owner.Phases);
        // Coarse: one worker writes, the other three queue for the lock (~75 % not producing).
        Assert.True(c.WaitingShare > 0.3, $"coarse waiting {c.WaitingShare:P1}");
        Assert.True(o.WaitingShare < 0.1, $"owner waiting {o.WaitingShare:P1}");
        Assert.True(o.ProducingShare > 2 * c.ProducingShare, $"producing: owner {o.ProducingShare:P1}, coarse {c.ProducingShare:P1}");
        Assert.True(o.HandOffP50Ms < c.HandOffP50Ms, $"hand-off p50: owner {o.HandOffP50Ms} ms, coarse {c.HandOffP50Ms} ms");
    }

    [Fact]
    public void CoarseMode_NeverLeavesABacklog_UnboundedOwnerDoes()
    {
        LockingResult coarse = new LockingRun(SlowSink(), LockingMode.Coarse).Run();
        LockingResult owner = new LockingRun(SlowSink(), LockingMode.Owner).Run();

        Assert.Equal(0, coarse.Backlog);
        Assert.Equal(coarse.HandedOff, coarse.Written);
        Assert.True(owner.Backlog > 50, $"owner backlog {owner.Backlog}");
        Assert.Equal(owner.HandedOff - owner.Written, owner.Backlog);
    }

    [Fact]
    public void BoundedQueue_KeepsTheBacklogSmall_AndMakesWorkersWait()
    {
        LockingResult owner = new LockingRun(SlowSink(queueCapacity: 5), LockingMode.Owner).Run();

        // Handed off but not written includes the one event being written: capacity + 1, plus slack.
        Assert.True(owner.MaxQueueDepth <= 5 + 2, $"max depth {owner.MaxQueueDepth}");
        Assert.True(owner.Phases[0].WaitingShare > 0.3, $"waiting {owner.Phases[0].WaitingShare:P1}");
    }

    [Fact]
    public void Cancelled_IsMarkedPartial()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        LockingOptions options = SlowSink() with { Duration = TimeSpan.FromSeconds(30) };

        LockingResult result = new LockingRun(options, LockingMode.Owner).Run(cancel.Token);

        Assert.True(result.Partial);
    }
}
