using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Recording;

/// <summary>
/// The overhead of the requests no machine stall touched: a success whose time, from its intended
/// start to its completion, overlaps a stall is left out and counted; the rest give the percentiles.
/// </summary>
public sealed class OverheadWithoutStallsTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static Recorder WithSuccesses(long room, params (double StartS, double OverheadMs)[] successes)
    {
        var recorder = new Recorder(TimeSpan.FromSeconds(10));
        recorder.KeepSuccesses(room);
        foreach ((double start, double overheadMs) in successes)
        {
            recorder.RecordSuccess(S(start), S(start) + Latency + TimeSpan.FromMilliseconds(overheadMs), Latency);
        }

        return recorder;
    }

    [Fact]
    public void OverheadOutside_LeavesOutTheSuccessesAWindowOverlaps_AndCountsThem()
    {
        Recorder recorder = WithSuccesses(
            5,
            (1.000, 0.2),
            (2.000, 15.0),  // in flight through the stall: left out
            (2.030, 0.3),   // released just after the stall ended: kept
            (1.990, 0.4),   // due before, completing during it: left out
            (3.000, 0.5));

        OverheadWithoutStalls? clean = recorder.OverheadOutside([(S(2.005), S(2.025))]);

        Assert.NotNull(clean);
        Assert.Equal(2, clean.LeftOut);
        Assert.Equal(3, clean.Overhead.Count);
        Assert.Equal(0.5, clean.Overhead.MaxMs, 3);
        Assert.Equal(0.3, clean.Overhead.P50Ms, 2);
    }

    [Fact]
    public void OverheadOutside_NoWindow_IsEveryKeptSuccess()
    {
        Recorder recorder = WithSuccesses(3, (1, 0.2), (2, 15), (3, 0.5));

        OverheadWithoutStalls? clean = recorder.OverheadOutside([]);

        Assert.Equal(3, clean!.Overhead.Count);
        Assert.Equal(0, clean.LeftOut);
        Assert.Equal(15.0, clean.Overhead.MaxMs, 2);
    }

    [Fact]
    public void OverheadOutside_WithoutRoomForEverySuccess_IsNotComputed()
    {
        Assert.Null(WithSuccesses(2, (1, 0.2), (2, 0.3), (3, 0.4)).OverheadOutside([]));
        Assert.Null(new Recorder(TimeSpan.FromSeconds(10)).OverheadOutside([])); // never asked to keep them
        Assert.Null(WithSuccesses(Recorder.MaxKeptSuccesses + 1L, (1, 0.2)).OverheadOutside([])); // too many to keep
    }
}
