using System.Text.Json;
using ConcurrencyDemo.Tests.Cli;

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
    public async Task ShippedTool_CompilesAlmostNothingDuringTheRun(string timer, string mode)
    {
        // Without the warm-up, the first requests of such a run compiled about 70 methods (400 with
        // tiered compilation). One is allowed: a sync worker's wake-up at the end of the run, compiled
        // only if some worker waited for work during the warm-up.
        JsonElement machine = await RunShippedToolAsync(
            ["--rate", "2000", "--num_req", "600", "--latency", "5ms*4", "--timer", timer, "--name", "jit", .. mode.Split(' ')]);

        Assert.InRange(machine.GetProperty("jit_compilations").GetInt64(), 0, 1);
        Assert.True(machine.GetProperty("start_up_ms").GetDouble() > 0);
    }

    private async Task<JsonElement> RunShippedToolAsync(string[] args)
    {
        // The tool in a process of its own, so its runtimeconfig (tiered compilation off) applies, not the test host's.
        CliProcess.Result result = await CliProcess.RunAsync([.. args, "--output", _output, "--quiet"], _output, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}{result.Stdout}");
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "jit.json")));
        return json.RootElement.GetProperty("machine").Clone();
    }
}
