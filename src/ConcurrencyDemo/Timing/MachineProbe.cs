using System.Diagnostics;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// Measures the machine's floor while a run goes on: a thread of its own sleeps 1 ms again and again
/// with the kernel's own sleep (<c>ppoll</c>, 1 ns timer slack, as <c>timer-floor</c>'s first row),
/// and records how late each wake-up was. It shares the machine with the run, so what it sees is the
/// floor under the run's load: a stall it sees at the same moment as a run's slow requests tells the
/// user the time was the machine's. Costs one wake-up a millisecond (about 1 % of one core here).
/// </summary>
internal sealed class MachineProbe : IDisposable
{
    /// <summary>How long each of the probe's sleeps lasts.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);

    private readonly Thread? _thread;
    private volatile bool _stop;
    private readonly ManualResetEventSlim _warmedUp = new(false);
    private volatile MachineFloorRecorder? _recorder;

    private MachineProbe(bool start)
    {
        if (!start)
        {
            return;
        }

        _thread = new Thread(Sleep) { Name = "machine-probe", IsBackground = true };
        _thread.Start();
        // Its first wake-up compiles everything it runs: no method of the probe is compiled during the
        // run (the runs' "JIT:" line found 6 when the zero came first, on a busy machine).
        _warmedUp.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>Starts the probe's thread (before the run's zero, so no request pays for it); it records from <see cref="MarkZero"/> on.</summary>
    public static MachineProbe Start() => new(LinuxTimerNative.IsSupported);

    /// <summary>The run's zero: wake-ups due from then on are the run's.</summary>
    public void MarkZero(long zeroTimestamp) => _recorder = new MachineFloorRecorder(zeroTimestamp);

    /// <summary>Stops the probe; null where the kernel's precise sleep does not exist (not Linux) or the run never reached its zero.</summary>
    public MachineFloor? Stop()
    {
        _stop = true;
        _thread?.Join();
        return _thread is null ? null : _recorder?.Summary(Interval);
    }

    public void Dispose()
    {
        Stop();
        _warmedUp.Dispose();
    }

    private void Sleep()
    {
        LinuxTimerNative.TrySetTimerSlack(1);
        using WakeHandle neverWoken = LinuxTimerNative.CreateWakeHandle();
        long ticks = DueTimeScheduler.TimestampTicks(Interval);
        var warmUp = new MachineFloorRecorder(zeroTimestamp: 0);
        while (!_stop)
        {
            long due = Stopwatch.GetTimestamp() + ticks;
            TimeSpan gcPauseBefore = GC.GetTotalPauseDuration();
            LinuxTimerNative.SleepUntil(neverWoken, due);
            long woke = Stopwatch.GetTimestamp();
            (_recorder ?? warmUp).Record(due, woke, gcPausedDuring: GC.GetTotalPauseDuration() != gcPauseBefore);
            if (!_warmedUp.IsSet)
            {
                warmUp.Record(0, 1 + (long)(Stopwatch.Frequency * MachineFloorRecorder.StallThreshold.TotalSeconds)); // a stall's path too
                warmUp.Record(0, 1, gcPausedDuring: true);
                _ = warmUp.Summary(Interval);
                _warmedUp.Set();
            }
        }
    }
}
