using System.Diagnostics;
using System.Text.Json;

namespace ConcurrencyDemo.Tests.Running;

/// <summary>
/// A real-clock run measures the service, not the JIT: the tool as shipped (its own runtime settings,
/// in a process of its own) compiles its hot path before the clock's zero, and says how much it
/// compiled during the run.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class NoJitDuringRunTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("cdb-jit-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Theory]
    [InlineData("precise", "async")]
    [InlineData("precise", "sync --threads 8")]
    [InlineData("dotnet", "async")]
    public void ShippedTool_CompilesAlmostNothingDuringTheRun(string timer, string mode)
    {
        // Without the warm-up, the first requests of such a run compiled about 70 methods (400 with
        // tiered compilation). One is allowed: a sync worker's wake-up at the end of the run, compiled
        // only if some worker waited for work during the warm-up.
        JsonElement machine = RunShippedTool(
            ["--rate", "2000", "--num_req", "600", "--latency", "5ms*4", "--timer", timer, "--name", "jit", .. mode.Split(' ')]);

        Assert.InRange(machine.GetProperty("jit_compilations").GetInt64(), 0, 1);
        Assert.True(machine.GetProperty("start_up_ms").GetDouble() > 0);
    }

    private JsonElement RunShippedTool(string[] args)
    {
        // The tool in a process of its own, so its runtimeconfig (tiered compilation off) applies, not the test host's.
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "concurrency-demo-benchmarks.dll"));
        foreach (string arg in args.Concat(["--output", _output, "--quiet"]))
        {
            start.ArgumentList.Add(arg);
        }

        using Process tool = Process.Start(start)!;
        string stdout = tool.StandardOutput.ReadToEnd();
        string stderr = tool.StandardError.ReadToEnd();
        Assert.True(tool.WaitForExit(TimeSpan.FromSeconds(60)), "the tool did not end");
        Assert.True(tool.ExitCode == 0, $"exit {tool.ExitCode}: {stderr}{stdout}");
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "jit.json")));
        return json.RootElement.GetProperty("machine").Clone();
    }
}
