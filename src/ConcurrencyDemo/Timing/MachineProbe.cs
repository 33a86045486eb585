using System.Diagnostics;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// Measures the machine's floor while a run goes on: a thread pinned to each CPU sleeps 1 ms again and
/// again with the kernel's own sleep (<c>ppoll</c>, 1 ns timer slack, as <c>timer-floor</c>'s first
/// row), and records how late each wake-up was. It shares the machine with the run, so what it sees
/// is the floor under the run's load: a stall it sees at the same moment as a run's slow requests
/// tells the user the time was the machine's. One sleeper per CPU because a virtual machine's CPUs
/// can freeze one at a time: a perf trace of an async run here showed vCPU 0 run nothing for 31.5 ms,
/// its timers included, while vCPU 1 woke a sleeper every millisecond on time. Costs one wake-up a
/// millisecond per CPU (about 1 % of one core each here).
/// </summary>
internal sealed class MachineProbe : IDisposable
{
    /// <summary>How long each of the probe's sleeps lasts.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

    /// <summary>At most this many CPUs get a sleeper (the first ones the process may run on), so a big machine does not pay thousands of wake-ups a millisecond.</summary>
    public const int MaxWatchedCpus = 8;

    private readonly List<Thread> _threads = [];
    private readonly List<int> _pinnedCpus = []; // the CPUs whose sleeper the kernel pinned there
    private readonly IReadOnlyList<int> _watchedCpus = [];
    private volatile bool _stop;
    private readonly CountdownEvent _warmedUp;
    private volatile MachineFloorRecorder? _recorder;

    private MachineProbe(bool start)
    {
        IReadOnlyList<int> allowed = start ? CpuAffinity.AllowedCpus() : [];
        // Pinning is only worth it with a CPU to tell apart; one CPU, or none readable, keeps one unpinned sleeper.
        IReadOnlyList<int> cpus = allowed.Count > 1 ? [.. allowed.Take(MaxWatchedCpus)] : [-1];
        _warmedUp = new CountdownEvent(start ? cpus.Count : 0);
        if (!start)
        {
            return;
        }

        foreach (int cpu in cpus)
        {
            var thread = new Thread(() => Sleep(cpu)) { Name = cpu < 0 ? "machine-probe" : $"machine-probe-{cpu}", IsBackground = true };
            _threads.Add(thread);
            thread.Start();
        }

        // Each sleeper's first wake-up compiles everything it runs: no method of the probe is compiled
        // during the run (the runs' "JIT:" line found 6 when the zero came first, on a busy machine).
        _warmedUp.Wait(TimeSpan.FromSeconds(5));
        lock (_pinnedCpus)
        {
            _watchedCpus = [.. _pinnedCpus.Order()];
        }
    }

    /// <summary>Starts the probe's threads (before the run's zero, so no request pays for them); they record from <see cref="MarkZero"/> on.</summary>
    public static MachineProbe Start() => new(LinuxTimerNative.IsSupported);

    /// <summary>The run's zero: wake-ups due from then on are the run's.</summary>
    public void MarkZero(long zeroTimestamp) => _recorder = new MachineFloorRecorder(zeroTimestamp);

    /// <summary>Stops the probe; null where the kernel's precise sleep does not exist (not Linux) or the run never reached its zero.</summary>
    public MachineFloor? Stop()
    {
        _stop = true;
        _threads.ForEach(thread => thread.Join());
        return _threads.Count == 0 ? null : _recorder?.Summary(Interval, _watchedCpus);
    }

    public void Dispose()
    {
        Stop();
        _warmedUp.Dispose();
    }

    private void Sleep(int cpu)
    {
        // Refused (a CPU taken away meanwhile): the sleeper still measures, on whichever CPU it gets.
        int pinned = cpu >= 0 && CpuAffinity.TryPinCurrentThread(cpu) ? cpu : -1;
        if (pinned >= 0)
        {
            lock (_pinnedCpus)
            {
                _pinnedCpus.Add(pinned);
            }
        }

        LinuxTimerNative.TrySetTimerSlack(1);
        using WakeHandle neverWoken = LinuxTimerNative.CreateWakeHandle();
        long ticks = DueTimeScheduler.TimestampTicks(Interval);
        var warmUp = new MachineFloorRecorder(zeroTimestamp: 0);
        bool warmedUp = false;
        MachineFloorRecorder? recording = null;
        TimeSpan cpuAtZero = TimeSpan.Zero;
        while (!_stop)
        {
            if (recording is null && _recorder is { } zeroed)
            {
                // The run's zero has come: from here on this sleeper's CPU is the run's.
                (recording, cpuAtZero) = (zeroed, ThreadCpuTime.OfCurrentThread());
            }

            long due = Stopwatch.GetTimestamp() + ticks;
            TimeSpan gcPauseBefore = GC.GetTotalPauseDuration();
            LinuxTimerNative.SleepUntil(neverWoken, due);
            long woke = Stopwatch.GetTimestamp();
            (_recorder ?? warmUp).Record(due, woke, gcPausedDuring: GC.GetTotalPauseDuration() != gcPauseBefore, pinned);
            if (!warmedUp)
            {
                warmUp.Record(0, 1 + (long)(Stopwatch.Frequency * MachineFloorRecorder.StallThreshold.TotalSeconds), cpu: pinned); // a stall's path too
                warmUp.Record(0, 1, gcPausedDuring: true);
                _ = warmUp.Summary(Interval, _watchedCpus);
                warmedUp = true;
                _ = ThreadCpuTime.OfCurrentThread();
                _warmedUp.Signal();
            }
        }

        recording?.AddSleeperCpu(ThreadCpuTime.OfCurrentThread() - cpuAtZero);
    }
}
