using System.Runtime.InteropServices;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// The few Linux calls a precise wait needs, none of which .NET exposes: .NET's own waits take whole
/// milliseconds (<c>Thread.Sleep</c>, <c>Monitor.Wait</c>) or a coarse 4 ms clock (<c>Task.Delay</c>). Timeouts are relative, computed from
/// <see cref="System.Diagnostics.Stopwatch"/> just before the call, so they need no agreement on which kernel clock it reads.
/// </summary>
/// <remarks>
/// <c>ppoll</c> takes a nanosecond timeout and wakes early when its eventfd is written, so one thread
/// can sleep until the earliest due time and still be woken for an earlier one. The kernel adds its
/// per-thread "timer slack" (50 µs by default) to every such sleep; <c>PR_SET_TIMERSLACK</c> lowers it.
/// </remarks>
internal static partial class LinuxTimerNative
{
    private const int PrSetTimerSlack = 29;
    private const int EfdCloexec = 0x80000;
    private const int EfdNonblock = 0x800;
    private const short PollIn = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>True where these calls exist: Linux on x64 or arm64.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64
        && Probe();

    /// <summary>Sets the calling thread's timer slack (how late the kernel may fire its sleeps) in nanoseconds.</summary>
    public static bool TrySetTimerSlack(long nanoseconds) => prctl(PrSetTimerSlack, (nuint)nanoseconds, 0, 0, 0) == 0;

    /// <summary>Creates a non-blocking eventfd to wake a <see cref="Wait"/>.</summary>
    public static WakeHandle CreateWakeHandle()
    {
        WakeHandle handle = eventfd(0, EfdCloexec | EfdNonblock);
        if (handle.IsInvalid)
        {
            int errno = Marshal.GetLastPInvokeError();
            handle.SetHandleAsInvalid();
            throw new InvalidOperationException($"eventfd failed with errno {errno}");
        }

        return handle;
    }

    /// <summary>
    /// Makes a <see cref="Wait"/> on <paramref name="wakeHandle"/> return now (or at once, if none is
    /// waiting yet). Does nothing once the handle is closed: there is no one left to wake.
    /// </summary>
    public static unsafe void Wake(WakeHandle wakeHandle)
    {
        ulong one = 1;
        try
        {
            _ = write(wakeHandle, &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // Closed: its timer is disposed, and its descriptor number may already be another file's.
        }
    }

    /// <summary>
    /// Sleeps for <paramref name="timeoutNanoseconds"/> (negative: until woken) or until
    /// <paramref name="wakeHandle"/> is woken, whichever comes first. Returns true when woken.
    /// </summary>
    public static bool Wait(WakeHandle wakeHandle, long timeoutNanoseconds) => WaitOnce(wakeHandle, timeoutNanoseconds, reset: true);

    /// <summary>
    /// Like <see cref="Wait"/>, but a wake-up stays: once <paramref name="wakeHandle"/> is woken, this
    /// and every later wait on it return at once, however many threads wait (for abandonment, which
    /// must reach every blocked thread, including one about to wait).
    /// </summary>
    /// <exception cref="ObjectDisposedException">When the handle is closed.</exception>
    public static bool WaitLatched(WakeHandle wakeHandle, long timeoutNanoseconds) => WaitOnce(wakeHandle, timeoutNanoseconds, reset: false);

    private static bool WaitOnce(WakeHandle wakeHandle, long timeoutNanoseconds, bool reset)
    {
        // Held open for the whole wait: a close meanwhile must not free the number under ppoll.
        bool added = false;
        wakeHandle.DangerousAddRef(ref added);
        try
        {
            return WaitOn((int)wakeHandle.DangerousGetHandle(), timeoutNanoseconds, reset);
        }
        finally
        {
            wakeHandle.DangerousRelease();
        }
    }

    /// <summary>Sleeps until <paramref name="dueTimestamp"/> (<see cref="System.Diagnostics.Stopwatch"/> ticks), waking only when it has passed.</summary>
    public static void SleepUntil(WakeHandle neverWoken, long dueTimestamp)
    {
        long left;
        while ((left = dueTimestamp - System.Diagnostics.Stopwatch.GetTimestamp()) > 0)
        {
            Wait(neverWoken, (long)(left * (1_000_000_000.0 / System.Diagnostics.Stopwatch.Frequency)));
        }
    }

    private static unsafe bool WaitOn(int wakeHandle, long timeoutNanoseconds, bool reset)
    {
        var poll = new PollFd { Fd = wakeHandle, Events = PollIn };
        var timeout = new TimeSpec { Seconds = timeoutNanoseconds / 1_000_000_000, Nanoseconds = timeoutNanoseconds % 1_000_000_000 };
        int ready = ppoll(&poll, 1, timeoutNanoseconds < 0 ? null : &timeout, null);
        if (ready > 0 && !reset)
        {
            return true;
        }

        if (ready > 0)
        {
            ulong count;
            _ = read(wakeHandle, &count, sizeof(ulong)); // resets the eventfd to 0
            return true;
        }

        return false;
    }

    /// <summary>Closes a descriptor; only <see cref="WakeHandle"/> calls it, exactly once.</summary>
    internal static int CloseDescriptor(int descriptor) => close(descriptor);

    private static bool Probe()
    {
        try
        {
            CreateWakeHandle().Dispose();
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

#pragma warning disable SA1300, IDE1006 // the C names
    [LibraryImport("libc", SetLastError = true)]
    private static partial WakeHandle eventfd(uint initialValue, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int ppoll(PollFd* fds, nuint count, TimeSpec* timeout, void* signalMask);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint write(WakeHandle fd, void* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

#pragma warning restore SA1300, IDE1006
}
