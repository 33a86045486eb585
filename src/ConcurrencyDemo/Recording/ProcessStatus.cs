using System.Diagnostics;
using System.Globalization;

namespace ConcurrencyDemo.Recording;

/// <summary>
/// This process's memory and thread count, from <c>/proc/self/status</c> on Linux (the kernel's own
/// figures: VmSize virtual, VmRSS resident, VmHWM peak resident), with a portable fallback elsewhere.
/// </summary>
public readonly record struct ProcessStatus(long VirtualBytes, long ResidentBytes, long PeakResidentBytes, int Threads)
{
    private const string StatusPath = "/proc/self/status";
    private const string ClearRefsPath = "/proc/self/clear_refs";

    /// <summary>
    /// Resets the kernel's peak resident figure (VmHWM) to the current resident size, so that the next
    /// <see cref="Read"/> gives the peak since now rather than since the process started. Linux only
    /// (writing "5" to <c>/proc/self/clear_refs</c>); returns false where that is not possible.
    /// </summary>
    public static bool TryResetPeakResident()
    {
        try
        {
            File.WriteAllText(ClearRefsPath, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Reads the current figures.</summary>
    public static ProcessStatus Read()
    {
        if (File.Exists(StatusPath))
        {
            long size = 0, rss = 0, hwm = 0;
            int threads = 0;
            foreach (string line in File.ReadLines(StatusPath))
            {
                if (line.StartsWith("VmSize:", StringComparison.Ordinal))
                {
                    size = Kilobytes(line);
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }

            return new ProcessStatus(size, rss, hwm, threads);
        }

        using Process self = Process.GetCurrentProcess();
        return new ProcessStatus(self.VirtualMemorySize64, self.WorkingSet64, self.PeakWorkingSet64, self.Threads.Count);
    }

    // "VmRSS:     12345 kB"
    private static long Kilobytes(string line)
    {
        string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
    }
}
