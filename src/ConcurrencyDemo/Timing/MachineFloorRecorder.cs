using System.Diagnostics;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// Records the machine's floor during a run from a lone sleeper's wake-ups (<see cref="Stopwatch"/>
/// timestamps): their lateness, and each stall with when it happened. Written by one thread, read
/// after it stops.
/// </summary>
internal sealed class MachineFloorRecorder
{
    /// <summary>
    /// 5 ms: well above this VM's own floor when nothing stalls it (a 1 ms ppoll wakes at most about
    /// 2.7 ms late, `timer-floor` at idle), and well below the 10–25 ms freezes of both vCPUs that a
    /// scheduler trace (perf sched) showed behind the slow E1 sync runs.
    /// </summary>
    public static readonly TimeSpan StallThreshold = TimeSpan.FromMilliseconds(5);

    /// <summary>Stalls kept with their time; the rest are counted and summed only.</summary>
    public const int KeptStalls = 100;

    private readonly long _zeroTimestamp;
    private readonly long _thresholdTicks = (long)Math.Ceiling(StallThreshold.TotalSeconds * Stopwatch.Frequency);
    private readonly LatenessRecorder _lateness = new();
    private readonly List<MachineStall> _stalls = [];
    private int _stallCount;
    private long _stalledTicks;
    private int _leftOutForGc;

    /// <param name="zeroTimestamp">The run's zero: waits due before it belong to start-up and are not recorded.</param>
    public MachineFloorRecorder(long zeroTimestamp) => _zeroTimestamp = zeroTimestamp;

    /// <summary>Records a wait due at <paramref name="dueTimestamp"/> that ended at <paramref name="endTimestamp"/>.</summary>
    /// <param name="dueTimestamp">When the sleeper was due to wake.</param>
    /// <param name="endTimestamp">When it woke.</param>
    /// <param name="gcPausedDuring">
    /// True when this process's garbage collector paused its threads during the wait: the sleeper, a
    /// managed thread, waits for the collection to end before it can read the clock, so its lateness
    /// is the process's, not the machine's; such wake-ups are counted apart and left out.
    /// </param>
    public void Record(long dueTimestamp, long endTimestamp, bool gcPausedDuring = false)
    {
        if (dueTimestamp < _zeroTimestamp)
        {
            return;
        }

        if (gcPausedDuring)
        {
            _leftOutForGc++;
            return;
        }

        _lateness.Record(dueTimestamp, endTimestamp);
        long late = endTimestamp - dueTimestamp;
        if (late >= _thresholdTicks)
        {
            _stallCount++;
            _stalledTicks += late;
            if (_stalls.Count < KeptStalls)
            {
                _stalls.Add(new MachineStall(Duration(dueTimestamp - _zeroTimestamp), Duration(late).TotalMilliseconds));
            }
        }
    }

    /// <summary>What was recorded, for waits of <paramref name="interval"/>.</summary>
    public MachineFloor Summary(TimeSpan interval) =>
        new(interval, _lateness.Summary(), StallThreshold.TotalMilliseconds, _stallCount, Duration(_stalledTicks).TotalMilliseconds, [.. _stalls]) { LeftOutForGc = _leftOutForGc };

    private static TimeSpan Duration(long timestampTicks) =>
        TimeSpan.FromTicks((long)Math.Round(timestampTicks * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
}
