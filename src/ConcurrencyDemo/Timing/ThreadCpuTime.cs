using System.Runtime.InteropServices;

namespace ConcurrencyDemo.Timing;

/// <summary>The CPU time the calling thread has used (Linux's <c>CLOCK_THREAD_CPUTIME_ID</c>; .NET has it per process only).</summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>The calling thread's CPU time so far; zero where it cannot be read (not Linux).</summary>
    public static unsafe TimeSpan OfCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        TimeSpec time;
        try
        {
            if (clock_gettime(ClockThreadCpuTimeId, &time) != 0)
            {
                return TimeSpan.Zero;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
    }

    [LibraryImport("libc")]
    private static unsafe partial int clock_gettime(int clockId, TimeSpec* time);
}
