using System.Diagnostics;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// Records the machine's floor during a run from its sleepers' wake-ups (<see cref="Stopwatch"/>
/// timestamps; one sleeper per CPU): their lateness, and each stall with when it happened and on
/// which CPUs. Written by the sleepers, read after they stop.
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
    private readonly Lock _stallsLock = new(); // taken only by a stall, never by a wake-up on time
    private readonly List<(long Due, long End, int Cpu)> _stalls = [];
    private int _unkeptStalls;
    private long _unkeptStalledTicks;
    private int _leftOutForGc;
    private long _sleepersCpuTicks;

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
    /// <param name="cpu">The CPU the sleeper is pinned to; -1 when it is not pinned.</param>
    public void Record(long dueTimestamp, long endTimestamp, bool gcPausedDuring = false, int cpu = -1)
    {
        if (dueTimestamp < _zeroTimestamp)
        {
            return;
        }

        if (gcPausedDuring)
        {
            Interlocked.Increment(ref _leftOutForGc);
            return;
        }

        _lateness.Record(dueTimestamp, endTimestamp);
        long late = endTimestamp - dueTimestamp;
        if (late < _thresholdTicks)
        {
            return;
        }

        lock (_stallsLock)
        {
            if (_stalls.Count < KeptStalls)
            {
                _stalls.Add((dueTimestamp, endTimestamp, cpu));
            }
            else
            {
                _unkeptStalls++;
                _unkeptStalledTicks += late;
            }
        }
    }

    /// <summary>Adds CPU time a sleeper used while it recorded here (each adds its own once, when it stops).</summary>
    public void AddSleeperCpu(TimeSpan cpu) => Interlocked.Add(ref _sleepersCpuTicks, cpu.Ticks);

    /// <summary>What was recorded, for waits of <paramref name="interval"/>, by sleepers pinned to <paramref name="watchedCpus"/>.</summary>
    /// <remarks>
    /// Stalls of different CPUs that overlap in time are one stall of the machine (a whole VM frozen),
    /// named with all their CPUs; a stall of one CPU alone (one vCPU frozen while the other ran) names
    /// that CPU only. Stalls beyond the first <see cref="KeptStalls"/> are counted and summed, not merged.
    /// </remarks>
    public MachineFloor Summary(TimeSpan interval, IReadOnlyList<int>? watchedCpus = null)
    {
        List<MachineStall> merged = [];
        long stalledTicks = _unkeptStalledTicks;
        lock (_stallsLock)
        {
            long groupDue = 0, groupEnd = 0, groupLate = 0;
            var groupCpus = new SortedSet<int>();
            foreach ((long due, long end, int cpu) in _stalls.OrderBy(stall => stall.Due))
            {
                if (groupCpus.Count > 0 && due < groupEnd && !groupCpus.Contains(cpu))
                {
                    groupEnd = Math.Max(groupEnd, end);
                    groupLate = Math.Max(groupLate, end - due);
                    groupCpus.Add(cpu);
                    continue;
                }

                Close();
                (groupDue, groupEnd, groupLate) = (due, end, end - due);
                groupCpus.Add(cpu);
            }

            Close();

            void Close()
            {
                if (groupCpus.Count == 0)
                {
                    return;
                }

                stalledTicks += groupLate;
                merged.Add(new MachineStall(Duration(groupDue - _zeroTimestamp), Duration(groupLate).TotalMilliseconds)
                {
                    Cpus = [.. groupCpus.Where(c => c >= 0)],
                });
                groupCpus.Clear();
            }
        }

        return new(interval, _lateness.Summary(), StallThreshold.TotalMilliseconds, merged.Count + _unkeptStalls, Duration(stalledTicks).TotalMilliseconds, merged)
        {
            LeftOutForGc = _leftOutForGc,
            WatchedCpus = watchedCpus ?? [],
            SleepersCpu = TimeSpan.FromTicks(Interlocked.Read(ref _sleepersCpuTicks)),
        };
    }

    private static TimeSpan Duration(long timestampTicks) =>
        TimeSpan.FromTicks((long)Math.Round(timestampTicks * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
}
