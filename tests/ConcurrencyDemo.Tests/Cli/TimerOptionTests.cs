using System.Text.Json;
using ConcurrencyDemo.Cli;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Cli;

/// <summary>
/// <c>--timer precise|dotnet</c>: a user's choice of how the real clock waits, validated like every
/// option, and a summary that states the instrument's own error for either choice.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class TimerOptionTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("cdb-timer-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Theory]
    [InlineData("--timer", "fast", "--timer: \"fast\" is not one of the choices — expected precise or dotnet")]
    [InlineData("--timer", "dotnet", "--timer chooses how real-clock runs wait; the virtual clock has no timers")]
    public void BadTimer_OneLineExit2(string option, string value, string expected)
    {
        string[] args = ["--rate", "10", "--num_req", "10", "--latency", "20ms", option, value, "--clock", "virtual", "async"];
        if (value == "fast")
        {
            args = ["--rate", "10", "--num_req", "10", "--latency", "20ms", option, value, "async"];
        }

        (int code, string stdout, string stderr) = Run(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_output));
    }

    [Theory]
    [InlineData("precise", "precise (one timer thread")]
    [InlineData("dotnet", ".NET timers")]
    public void RealRun_StatesTheInstrumentsError(string timer, string description)
    {
        (int code, string stdout, _) = Run("--rate", "200", "--num_req", "100", "--latency", "10ms*2", "--name", "t", "--timer", timer, "sync", "--threads", "4");

        Assert.Equal(0, code);
        Assert.Contains($"Instrument: {description}", stdout, StringComparison.Ordinal);
        Assert.Contains("pacer: requests released after their intended start by p50", stdout, StringComparison.Ordinal);
        Assert.Contains("(100 measured)", stdout, StringComparison.Ordinal);
        Assert.Contains("Start-up:", stdout, StringComparison.Ordinal);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "t.json")));
        Assert.Equal(timer, json.RootElement.GetProperty("scenario").GetProperty("timer").GetString());
        JsonElement machine = json.RootElement.GetProperty("machine");
        Assert.Equal(timer, machine.GetProperty("timer").GetProperty("kind").GetString());
        Assert.Equal(100, machine.GetProperty("timer").GetProperty("call_lateness_ms").GetProperty("count").GetInt64());
        Assert.Equal("run", machine.GetProperty("peak_rss_scope").GetString());

        // The machine's floor in the same run: a sleeper on each CPU woke about every millisecond of it
        // (one vCPU can freeze while the other runs: a sleeper on the other would not see it).
        int[] watched = [.. machine.GetProperty("timer").GetProperty("machine_stalls").GetProperty("watched_cpus").EnumerateArray().Select(cpu => cpu.GetInt32())];
        Assert.Equal(Math.Min(Environment.ProcessorCount, MachineProbe.MaxWatchedCpus), watched.Length);
        Assert.Contains($"  machine: a thread pinned to each CPU ({string.Join(", ", watched)}) sleeping 1 ms woke late by p50", stdout, StringComparison.Ordinal);
        JsonElement floor = machine.GetProperty("timer").GetProperty("machine_lateness_ms");
        double wallMs = machine.GetProperty("wall_time_ms").GetDouble();
        Assert.True(floor.GetProperty("count").GetInt64() >= watched.Length * wallMs / 4, $"{floor.GetProperty("count").GetInt64()} wake-ups in {wallMs} ms on {watched.Length} CPUs");
        Assert.True(machine.GetProperty("timer").GetProperty("machine_stalls").GetProperty("count").GetInt32() >= 0);
        Assert.True(machine.GetProperty("cpu_seconds").GetDouble() > 0);

        // The sleepers' own CPU is the instrument's: stated apart, and part of the process's.
        double probeCpu = machine.GetProperty("timer").GetProperty("machine_probe_cpu_seconds").GetDouble();
        Assert.InRange(probeCpu, double.Epsilon, machine.GetProperty("cpu_seconds").GetDouble());
        Assert.Contains("the machine probe's sleepers used ", stdout, StringComparison.Ordinal);

        // Every success is kept or left out by a stall, never lost.
        JsonElement clean = machine.GetProperty("timer").GetProperty("overhead_without_stalls_ms");
        Assert.Equal(100, clean.GetProperty("count").GetInt64() + clean.GetProperty("left_out").GetInt64());
    }

    [Fact]
    public void DotnetTimer_IsInTheDefaultName_SoItDoesNotOverwriteAPreciseRun()
    {
        (int code, string stdout, _) = Run("--rate", "200", "--num_req", "20", "--latency", "10ms", "--timer", "dotnet", "async");

        Assert.Equal(0, code);
        Assert.Contains("async_200rps_20req_10ms_dotnet-timer.json", stdout, StringComparison.Ordinal);
    }

    private (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run([.. args, "--output", _output, "--quiet"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
