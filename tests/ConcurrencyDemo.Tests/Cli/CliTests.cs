using System.Text.Json;
using ConcurrencyDemo.Cli;

namespace ConcurrencyDemo.Tests.Cli;

[Collection(RealClockCollection.Name)]
public sealed class CliTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("cdb-cli-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run([.. args, "--output", _output, "--quiet"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--rate", "abc", "--num_req", "10", "--latency", "20ms", "async")]
    [InlineData("--rate", "0", "--num_req", "10", "--latency", "20ms", "async")]
    [InlineData("--rate", "10", "--num_req", "0", "--latency", "20ms", "async")]
    [InlineData("--rate", "10", "--num_req", "10", "--latency", "20ms*", "async")]
    [InlineData("--rate", "10", "--num_req", "10", "--latency", "20ms", "sync", "--threads", "0")]
    [InlineData("--rate", "10", "--num_req", "10", "--latency", "20ms", "sync")]
    [InlineData("--rate", "10", "--num_req", "10", "--latency", "20ms", "--name", "a/b", "async")]
    [InlineData("--rate", "10", "--num_req", "10", "--latency", "20ms", "--name", "..", "async")]
    [InlineData("--rate", "10", "--num_req", "10", "--latency", "20ms", "fast")]
    [InlineData("--rate", "10", "--num_req", "10", "--latency", "20ms")]
    public void UserError_OneLineExit2NothingWritten(params string[] args)
    {
        (int code, string stdout, string stderr) = Run(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("concurrency-demo-benchmarks: error:", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_output));
    }

    [Fact]
    public void SeveralProblems_EachOnItsOwnLine()
    {
        (int code, _, string stderr) = Run("--rate", "-1", "--num_req", "x", "--latency", "abc", "async");

        Assert.Equal(2, code);
        Assert.Equal(3, stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void OutputThatIsAFile_IsAUserError()
    {
        string file = Path.Combine(_output, "a-file");
        File.WriteAllText(file, "");
        var stderr = new StringWriter();
        int code = CommandLine.Run(["--rate", "10", "--num_req", "10", "--latency", "20ms", "--output", file, "async"], new StringWriter(), stderr);

        Assert.Equal(2, code);
        Assert.Contains("is a file", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void VirtualRun_PrintsOriginalSummaryAndWritesFourChartsAndJson()
    {
        (int code, string stdout, _) = Run(
            "--name", "e3", "--rate", "1000", "--num_req", "10000", "--latency", "20ms*9,30s", "--clock", "virtual", "-p", "/usr/bin/python3", "sync", "-t", "50");

        Assert.Equal(0, code);
        Assert.Contains("Latencies:\np0.000 - ", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Matches(@"Avg rate: \d+\.\d{3}, StdDev: \d+\.\d{3}", stdout);
        foreach (string chart in new[] { "latency_histogram_e3.png", "latency_percentiles_e3.png", "latency_timeline_e3.png", "request_rate_e3.png" })
        {
            byte[] png = File.ReadAllBytes(Path.Combine(_output, chart));
            Assert.True(png.Length > 10_000, $"{chart} is only {png.Length} bytes");
            Assert.Equal(0x89, png[0]);
            Assert.Equal((byte)'P', png[1]);
        }

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "e3.json")));
        Assert.Equal(9000, json.RootElement.GetProperty("summary").GetProperty("successes").GetInt64());
        Assert.Equal("virtual", json.RootElement.GetProperty("scenario").GetProperty("clock").GetString());
        Assert.False(json.RootElement.TryGetProperty("machine", out _));
        Assert.Equal(8, json.RootElement.GetProperty("percentiles").GetArrayLength());
        // Only the final files remain: temporary files were renamed away.
        Assert.Equal(5, Directory.GetFiles(_output).Length);
    }

    [Fact]
    public void RealRun_BothModes_WriteMachineFigures()
    {
        foreach (string[] mode in new[] { new[] { "async" }, new[] { "sync", "--threads", "5" } })
        {
            (int code, string stdout, _) = Run(["--name", "real", "--rate", "200", "--num_req", "100", "--latency", "5ms*2", .. mode]);

            Assert.Equal(0, code);
            Assert.Contains("Peak RSS:", stdout, StringComparison.Ordinal);
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "real.json")));
            Assert.Equal(100, json.RootElement.GetProperty("summary").GetProperty("successes").GetInt64());
            Assert.True(json.RootElement.GetProperty("machine").GetProperty("peak_rss_bytes").GetInt64() > 0);
        }
    }
}
