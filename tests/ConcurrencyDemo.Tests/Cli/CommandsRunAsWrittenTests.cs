using System.Text.Json;

namespace ConcurrencyDemo.Tests.Cli;

[Collection(RealClockCollection.Name)]
public sealed class CommandsRunAsWrittenTests(EveryCommandOutputs every) : IClassFixture<EveryCommandOutputs>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdb-names-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> CommandNames => [.. EveryCommandOutputs.Commands.Keys];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void EveryCommand_CreatesAMissingOutputFolder_AndSaysSoOnStderr(string command)
    {
        (string folder, (int code, _, string stderr)) = every.Results[command];

        Assert.True(code == 0, stderr);
        Assert.True(Directory.Exists(folder));
        Assert.Contains($"concurrency-demo-benchmarks: created folder {folder}", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void EveryCommand_WritesJsonWithASchemaVersion(string command)
    {
        (string folder, (_, string stdout, _)) = every.Results[command];

        string[] jsons = Directory.GetFiles(folder, "*.json");
        Assert.NotEmpty(jsons);
        foreach (string json in jsons)
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(json));
            Assert.Equal(1, document.RootElement.GetProperty("schema_version").GetInt32());
            Assert.Contains($"Wrote {json}", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reproduce_PrintsTheSummaryTable_ExperimentsInOrder()
    {
        (_, (_, string stdout, _)) = every.Results["reproduce"];

        Assert.Contains("article", stdout, StringComparison.Ordinal);
        Assert.Contains("verdict", stdout, StringComparison.Ordinal);
        int[] at = Enumerable.Range(1, 9).Select(i => stdout.IndexOf($" E{i} ", StringComparison.Ordinal)).ToArray();
        Assert.All(at, i => Assert.True(i >= 0, stdout));
        Assert.Equal(at.Order(), at);
        Assert.Contains("matches", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproduce_RunsTheExperimentsInOrder()
    {
        (_, (_, _, string stderr)) = every.Results["reproduce"];

        // The progress lines name each experiment as it starts.
        int[] at = Enumerable.Range(1, 9).Select(i => stderr.IndexOf($"E{i}", StringComparison.Ordinal)).ToArray();
        Assert.All(at, i => Assert.True(i >= 0, stderr));
        Assert.Equal(at.Order(), at);
    }

    [Fact]
    public void DefaultNames_DifferWhenAnyParameterDiffers()
    {
        string[] Run(params string[] args)
        {
            (int code, string stdout, string stderr) = CliRunner.Run(["--output", _folder, "--rate", "1000", "--num_req", "100", .. args]);
            Assert.True(code == 0, stderr);
            return stdout.Split('\n').Where(l => l.StartsWith("Wrote ", StringComparison.Ordinal)).ToArray();
        }

        var first = Run("--latency", "20ms", "--clock", "virtual", "async");
        var second = Run("--latency", "60ms", "--clock", "virtual", "async");
        var third = Run("--latency", "60ms", "--timeout", "50ms", "--clock", "virtual", "async");

        Assert.Equal(5, first.Length);
        Assert.Equal(5, second.Length);
        Assert.Equal(5, third.Length);
        Assert.Equal(15, Directory.GetFiles(_folder).Length);
        Assert.Contains(first, l => l.EndsWith("async_1000rps_100req_20ms_virtual.json", StringComparison.Ordinal));
        Assert.Contains(third, l => l.EndsWith("async_1000rps_100req_60ms_timeout50ms_virtual.json", StringComparison.Ordinal));
    }

    [Fact]
    public void ASecondRunOfTheSameScenario_ReportsEachFileAsReplaced()
    {
        string[] args = ["--output", _folder, "--rate", "1000", "--num_req", "100", "--latency", "20ms*9,30s", "--clock", "virtual", "async"];
        CliRunner.Run(args);
        (int code, string stdout, _) = CliRunner.Run(args);

        Assert.Equal(0, code);
        string[] lines = stdout.Split('\n').Where(l => l.Contains(_folder, StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("Replaced ", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("async_1000rps_100req_20msx9-30s_virtual.json", StringComparison.Ordinal));
    }

    [Fact]
    public void AGivenName_KeepsTheOriginalToolsFileNames()
    {
        (int code, _, _) = CliRunner.Run("--output", _folder, "--name", "sync_1k_20ms", "--rate", "1000", "--num_req", "100", "--latency", "20ms*10", "--clock", "virtual", "sync", "--threads", "50");

        Assert.Equal(0, code);
        Assert.Equal(
            ["latency_histogram_sync_1k_20ms.png", "latency_percentiles_sync_1k_20ms.png", "latency_timeline_sync_1k_20ms.png", "request_rate_sync_1k_20ms.png", "sync_1k_20ms.json"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
