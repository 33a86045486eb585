using System.Diagnostics;
using System.Globalization;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// Measures the best any timer can do on this machine, and how close the tool's timers come to it:
/// one thread waits a fixed interval again and again, with nothing else running in the process, and
/// each wait's lateness is recorded. The first row is the kernel's own sleep (<c>ppoll</c> with 1 ns
/// timer slack, the call the precise timer is built on): no wait in this process can end earlier
/// than the kernel wakes it, so a run's lateness at or near that row is the machine's, not the tool's.
/// </summary>
public static class TimerFloor
{
    private const int WarmUpWaits = 20;

    /// <summary>Runs each kind of wait <paramref name="waits"/> times, one after the other.</summary>
    /// <param name="waits">Waits per kind.</param>
    /// <param name="interval">How long each wait lasts.</param>
    /// <param name="progress">Told the name of each kind as its measurement begins.</param>
    /// <param name="cancellationToken">Stops the measurement; the kinds not yet measured are left out.</param>
    public static TimerFloorReport Measure(int waits, TimeSpan interval, Action<string>? progress, CancellationToken cancellationToken)
    {
        double? load = ReadLoadAverage();
        var rows = new List<TimerFloorRow>();
        (string Wait, string UsedBy, Func<int, LatenessSummary> Measure)[] kinds =
        [
            ("kernel sleep: ppoll, 1 ns timer slack", "the floor: nothing in this process wakes earlier", n => KernelSleep(n, interval, cancellationToken)),
            ("precise timer, a blocked thread", "sync calls (default --timer precise)", n => Held(TimerKind.Precise, n, interval, cancellationToken)),
            ("precise timer, an awaited call", "async calls (default --timer precise)", n => Awaited(TimerKind.Precise, n, interval, cancellationToken)),
            (".NET WaitOne in whole milliseconds", "sync calls with --timer dotnet", n => Held(TimerKind.Dotnet, n, interval, cancellationToken)),
            (".NET Task.Delay", "async calls with --timer dotnet", n => Awaited(TimerKind.Dotnet, n, interval, cancellationToken)),
        ];

        foreach ((string wait, string usedBy, Func<int, LatenessSummary> measure) in kinds)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            progress?.Invoke(wait);
            // Unrecorded first: the first waits of a path compile it (several ms), as a run's warm-up does before its zero.
            measure(WarmUpWaits);
            rows.Add(new TimerFloorRow(wait, usedBy, measure(waits)));
        }

        return new TimerFloorReport(interval, waits, load, rows);
    }

    private static LatenessSummary KernelSleep(int waits, TimeSpan interval, CancellationToken cancellationToken)
    {
        var lateness = new LatenessRecorder();
        if (!LinuxTimerNative.IsSupported)
        {
            return lateness.Summary(); // empty: the report says this OS has no such sleep
        }

        // On a thread of its own, as the timer's thread is: the slack set here stays with that thread.
        var thread = new Thread(() =>
        {
            LinuxTimerNative.TrySetTimerSlack(1);
            using WakeHandle neverWoken = LinuxTimerNative.CreateWakeHandle();
            long ticks = DueTimeScheduler.TimestampTicks(interval);
            for (int i = 0; i < waits && !cancellationToken.IsCancellationRequested; i++)
            {
                long due = Stopwatch.GetTimestamp() + ticks;
                LinuxTimerNative.SleepUntil(neverWoken, due);
                lateness.Record(due, Stopwatch.GetTimestamp());
            }
        })
        { Name = "timer-floor" };
        thread.Start();
        thread.Join();
        return lateness.Summary();
    }

    private static LatenessSummary Held(TimerKind kind, int waits, TimeSpan interval, CancellationToken cancellationToken)
    {
        using RunTimer timer = RunTimer.For(kind, TimeProvider.System);
        try
        {
            for (int i = 0; i < waits; i++)
            {
                timer.Hold(interval, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted: what was measured so far stands.
        }

        return timer.Error().Calls;
    }

    private static LatenessSummary Awaited(TimerKind kind, int waits, TimeSpan interval, CancellationToken cancellationToken)
    {
        using RunTimer timer = RunTimer.For(kind, TimeProvider.System);
        async Task Loop()
        {
            for (int i = 0; i < waits; i++)
            {
                await timer.HoldAsync(interval, cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            Loop().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Interrupted: what was measured so far stands.
        }

        return timer.Error().Calls;
    }

    private static double? ReadLoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
