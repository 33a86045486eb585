using System.Diagnostics;
using System.Globalization;
using ConcurrencyDemo.Memory;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// Measures memory in a fresh child process: re-invokes this tool with the hidden
/// <see cref="MemoryProbeCommand.Name"/> subcommand and reads the one line it prints.
/// </summary>
internal static class ChildProbe
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    public static MemorySample Measure(MemoryProbeKind kind, int count)
    {
        ProcessStartInfo start = SelfStartInfo();
        start.ArgumentList.Add(MemoryProbeCommand.Name);
        start.ArgumentList.Add(kind == MemoryProbeKind.BlockedThreads ? "threads" : "async");
        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        // As the article measured: one malloc arena, so that per-thread arenas do not hide the stacks.
        start.Environment["MALLOC_ARENA_MAX"] = "1";

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the memory probe process");
        Task<string> stdout = child.StandardOutput.ReadToEndAsync();
        Task<string> stderr = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(s_timeout))
        {
            child.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the memory probe for {count} {kind} did not finish within {s_timeout.TotalSeconds:0} s");
        }

        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the memory probe for {count} {kind} failed (exit {child.ExitCode}): {stderr.Result.Trim()}");
        }

        return MemoryProbeCommand.ParseLine(kind, count, stdout.Result);
    }

    /// <summary>How to start this tool again: its apphost when that is what runs, else the dotnet host with its dll.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        string dll = typeof(ChildProbe).Assembly.Location;
        string apphost = Path.Combine(Path.GetDirectoryName(dll)!, Path.GetFileNameWithoutExtension(dll));
        if (OperatingSystem.IsWindows())
        {
            apphost += ".exe";
        }

        if (File.Exists(apphost))
        {
            return new ProcessStartInfo(apphost);
        }

        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(dll);
        return start;
    }
}
