using System.Diagnostics;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Timing;

/// <summary>
/// The machine's floor during a run: how late a lone sleeper woke, and every stall of the machine
/// (a wake-up at least <see cref="MachineFloorRecorder.StallThreshold"/> late) with when it happened.
/// </summary>
public sealed class MachineFloorRecorderTests
{
    private const long Zero = 1_000_000_000;

    private static long At(double milliseconds) => Zero + (long)(milliseconds * Stopwatch.Frequency / 1000.0);

    [Fact]
    public void Summary_CountsWakeUpsAtOrAboveTheThresholdAsStalls_WithWhenTheyWereDue()
    {
        var recorder = new MachineFloorRecorder(Zero);
        recorder.Record(At(1), At(1.1));           // 0.1 ms late: the floor, not a stall
        recorder.Record(At(2), At(2 + 4.9));       // just under the threshold
        recorder.Record(At(3000), At(3000 + 5));   // exactly the threshold: a stall
        recorder.Record(At(9400), At(9400 + 22));  // the longest

        MachineFloor floor = recorder.Summary(TimeSpan.FromMilliseconds(1));

        Assert.Equal(4, floor.Lateness.Count);
        Assert.Equal(22.0, floor.Lateness.MaxMs, 1);
        Assert.Equal(2, floor.StallCount);
        Assert.Equal([TimeSpan.FromMilliseconds(3000), TimeSpan.FromMilliseconds(9400)], floor.Stalls.Select(s => s.At));
        Assert.Equal([5.0, 22.0], floor.Stalls.Select(s => Math.Round(s.LateMs, 1)));
        Assert.Equal(27.0, floor.StalledMs, 1);
    }

    [Fact]
    public void Summary_KeepsTheFirstStallsOnly_ButCountsAndSumsThemAll()
    {
        var recorder = new MachineFloorRecorder(Zero);
        for (int i = 0; i < MachineFloorRecorder.KeptStalls + 5; i++)
        {
            recorder.Record(At(i * 100), At((i * 100) + 6));
        }

        MachineFloor floor = recorder.Summary(TimeSpan.FromMilliseconds(1));

        Assert.Equal(MachineFloorRecorder.KeptStalls + 5, floor.StallCount);
        Assert.Equal(MachineFloorRecorder.KeptStalls, floor.Stalls.Count);
        Assert.Equal(TimeSpan.Zero, floor.Stalls[0].At);
        Assert.Equal(6.0 * (MachineFloorRecorder.KeptStalls + 5), floor.StalledMs, 1);
    }

    [Fact]
    public void Record_AWakeUpDuringAGcPause_IsTheProcesssLateness_LeftOutAndCounted()
    {
        var recorder = new MachineFloorRecorder(Zero);
        recorder.Record(At(100), At(100 + 12), gcPausedDuring: true); // the sleeper waited for the collection to end
        recorder.Record(At(200), At(200.1));

        MachineFloor floor = recorder.Summary(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, floor.Lateness.Count);
        Assert.Equal(0, floor.StallCount);
        Assert.Equal(1, floor.LeftOutForGc);
    }

    [Fact]
    public void Record_IgnoresWaitsDueBeforeTheRunsZero()
    {
        var recorder = new MachineFloorRecorder(Zero);
        recorder.Record(Zero - 10, Zero + (long)(30.0 * Stopwatch.Frequency / 1000.0)); // start-up's waits are not the run's

        MachineFloor floor = recorder.Summary(TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, floor.Lateness.Count);
        Assert.Equal(0, floor.StallCount);
    }

    [Fact]
    public void Summary_StallsOfTwoCpusThatOverlap_AreOneStallOfTheMachine_OnBothCpus()
    {
        var recorder = new MachineFloorRecorder(Zero);
        recorder.Record(At(1000), At(1000 + 16), cpu: 0);   // both vCPUs frozen together: one stall of the machine
        recorder.Record(At(1000.4), At(1000.4 + 16.2), cpu: 1);
        recorder.Record(At(5000), At(5000 + 31.5), cpu: 0); // one vCPU frozen, the other ran: CPU 0's alone
        recorder.Record(At(5001), At(5001.1), cpu: 1);

        MachineFloor floor = recorder.Summary(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, floor.StallCount);
        Assert.Equal([TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(5000)], floor.Stalls.Select(s => s.At));
        Assert.Equal([16.2, 31.5], floor.Stalls.Select(s => Math.Round(s.LateMs, 1))); // as late as its latest sleeper
        Assert.Equal([0, 1], floor.Stalls[0].Cpus);
        Assert.Equal([0], floor.Stalls[1].Cpus);
        Assert.Equal(47.7, floor.StalledMs, 1);
        Assert.Equal(4, floor.Lateness.Count);
    }

    [Fact]
    public void Summary_StallsOfOneCpuOneAfterTheOther_StayApart()
    {
        var recorder = new MachineFloorRecorder(Zero);
        recorder.Record(At(100), At(100 + 6), cpu: 1);
        recorder.Record(At(107), At(107 + 8), cpu: 1); // its next sleep: a second stall, not the same one

        MachineFloor floor = recorder.Summary(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, floor.StallCount);
        Assert.Equal(14.0, floor.StalledMs, 1);
        Assert.All(floor.Stalls, stall => Assert.Equal([1], stall.Cpus));
    }
}
