using System.Runtime.InteropServices;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// Which CPUs this process may run on, and pinning the calling thread to one of them (Linux's
/// <c>sched_getaffinity</c>/<c>sched_setaffinity</c>; .NET pins processes, not threads).
/// </summary>
internal static partial class CpuAffinity
{
    private const int MaskBytes = 128; // 1024 CPUs, the kernel's usual CONFIG_NR_CPUS

    /// <summary>The CPUs the calling thread may run on, in order; empty where that cannot be read (not Linux).</summary>
    public static unsafe IReadOnlyList<int> AllowedCpus()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        byte* mask = stackalloc byte[MaskBytes];
        try
        {
            if (sched_getaffinity(0, MaskBytes, mask) != 0)
            {
                return [];
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return [];
        }

        var cpus = new List<int>();
        for (int cpu = 0; cpu < MaskBytes * 8; cpu++)
        {
            if ((mask[cpu / 8] & (1 << (cpu % 8))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    /// <summary>Pins the calling thread to <paramref name="cpu"/>; false when the kernel refuses (or not Linux).</summary>
    public static unsafe bool TryPinCurrentThread(int cpu)
    {
        if (!OperatingSystem.IsLinux() || cpu is < 0 or >= MaskBytes * 8)
        {
            return false;
        }

        byte* mask = stackalloc byte[MaskBytes];
        new Span<byte>(mask, MaskBytes).Clear();
        mask[cpu / 8] = (byte)(1 << (cpu % 8));
        try
        {
            return sched_setaffinity(0, MaskBytes, mask) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int sched_getaffinity(int pid, nuint cpusetsize, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int sched_setaffinity(int pid, nuint cpusetsize, byte* mask);
}
