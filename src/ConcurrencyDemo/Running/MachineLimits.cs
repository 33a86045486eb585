using System.Globalization;

namespace ConcurrencyDemo.Running;

/// <summary>
/// What the machine allows, read from Linux's <c>/proc</c>; a figure that cannot be read is null and
/// its check is skipped (other systems, containers hiding /proc).
/// </summary>
/// <param name="KernelThreadsMax">System-wide thread limit (<c>/proc/sys/kernel/threads-max</c>).</param>
/// <param name="MaxUserProcesses">Per-user limit on processes and threads (<c>ulimit -u</c>, "Max processes" in <c>/proc/self/limits</c>); null when unlimited.</param>
/// <param name="ProcessThreads">Threads this process already has.</param>
/// <param name="AvailableMemoryBytes">Memory available without swapping (<c>MemAvailable</c> in <c>/proc/meminfo</c>).</param>
/// <param name="StackReservationBytes">Stack each new thread reserves: .NET's default of 1.5 MiB, or <c>DOTNET_DefaultStackSize</c>.</param>
public sealed record MachineLimits(
    long? KernelThreadsMax,
    long? MaxUserProcesses,
    int ProcessThreads,
    long? AvailableMemoryBytes,
    long StackReservationBytes)
{
    /// <summary>.NET's default stack reservation for a thread it creates on Linux.</summary>
    public const long DefaultStackReservationBytes = 1536 * 1024;

    /// <summary>Reads this machine's limits.</summary>
    public static MachineLimits Read()
    {
        long? threadsMax = ReadLong("/proc/sys/kernel/threads-max");
        long? maxProcesses = ReadMaxProcesses();
        long? available = ReadMemAvailable();
        int threads = Recording.ProcessStatus.Read().Threads;
        return new MachineLimits(threadsMax, maxProcesses, threads, available, ReadStackReservation());
    }

    private static long? ReadLong(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // "Max processes             96365                96365                processes"
    private static long? ReadMaxProcesses()
    {
        try
        {
            string? line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max processes", StringComparison.Ordinal));
            string[]? parts = line?["Max processes".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts is { Length: > 0 } && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft) ? soft : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // "MemAvailable:   23961484 kB"
    private static long? ReadMemAvailable()
    {
        try
        {
            string? line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            string[]? parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts is { Length: >= 2 } && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long ReadStackReservation()
    {
        // The runtime reads this variable as hexadecimal bytes.
        string? text = Environment.GetEnvironmentVariable("DOTNET_DefaultStackSize");
        return text is not null && long.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long bytes) && bytes > 0
            ? bytes
            : DefaultStackReservationBytes;
    }
}
