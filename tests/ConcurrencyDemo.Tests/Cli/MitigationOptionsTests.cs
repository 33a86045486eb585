using System.Text.Json;
using ConcurrencyDemo.Cli;

namespace ConcurrencyDemo.Tests.Cli;

/// <summary>--balancer and --eject through the command line, on the virtual clock.</summary>
public sealed class MitigationOptionsTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("cdb-mitigations-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public void EjectWithoutValue_BeforeTheModeWord_MeansEnvoysDefaults_AndJsonHasTheEndpointTable()
    {
        var stdout = new StringWriter();
        int code = CommandLine.Run(
            ["--rate", "1000", "--num_req", "5000", "--latency", "20ms*9,30s", "--timeout", "1s", "--clock", "virtual", "--balancer", "p2c", "--eject", "sync", "--threads", "50", "--name", "m", "--output", _output, "--quiet"],
            stdout,
            new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("Endpoints (--balancer p2c --eject):", stdout.ToString(), StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "m.json")));
        JsonElement mitigations = json.RootElement.GetProperty("scenario").GetProperty("mitigations");
        Assert.Equal("p2c", mitigations.GetProperty("balancer").GetString());
        Assert.Equal(5, mitigations.GetProperty("eject").GetProperty("consecutive").GetInt32());
        JsonElement endpoints = json.RootElement.GetProperty("endpoints");
        Assert.Equal(10, endpoints.GetArrayLength());
        Assert.Equal(5000, endpoints.EnumerateArray().Sum(e => e.GetProperty("requests").GetInt64()));
        Assert.True(endpoints[9].GetProperty("ejections").GetInt32() >= 1);
    }
}
