using System.Diagnostics;
using System.Text;

namespace ConcurrencyDemo.Tests.Cli;

/// <summary>Runs the built CLI as a real child process: <c>dotnet concurrency-demo-benchmarks.dll ARGS</c>.</summary>
internal static class CliProcess
{
    /// <summary>The CLI's dll, copied next to the test assembly by the project reference.</summary>
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "concurrency-demo-benchmarks.dll");

    /// <summary>What a finished run printed and returned.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>A start info for the CLI with <paramref name="args"/>, run in <paramref name="workingDirectory"/>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string workingDirectory, bool defaultSigint = false)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };

        // A process started from a script in the background inherits SIGINT ignored, and .NET then
        // never sees Ctrl+C; env --default-signal undoes that for the child only (GNU coreutils ≥ 8.31).
        if (defaultSigint)
        {
            info.FileName = "env";
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add("dotnet");
        }
        else
        {
            info.FileName = "dotnet";
        }

        info.ArgumentList.Add(DllPath);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }

    /// <summary>Runs the CLI to the end (killing it after <paramref name="timeout"/>).</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(args, workingDirectory))!;
        try
        {
            return await FinishAsync(process, timeout);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the CLI did not finish within {timeout}: {string.Join(' ', args)}");
        }
    }

    /// <summary>Waits for a started CLI process and collects its output; kills it and throws after <paramref name="timeout"/>.</summary>
    public static async Task<Result> FinishAsync(Process process, TimeSpan timeout)
    {
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
