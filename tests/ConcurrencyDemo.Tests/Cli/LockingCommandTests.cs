using ConcurrencyDemo.Cli;

namespace ConcurrencyDemo.Tests.Cli;

public sealed class LockingCommandTests : IDisposable
{
    private static readonly byte[] s_pngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private readonly string _folder = Directory.CreateTempSubdirectory("locking-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CommandLine.Run([.. args, "--output", _folder, "--quiet"], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--mode", "fast")]
    [InlineData("--workers", "0")]
    [InlineData("--write-latency", "slow")]
    [InlineData("--slowdown-at", "10s")]
    [InlineData("--queue-capacity", "-3")]
    public void BadValue_OneLineError_ExitTwo_NothingWritten(string option, string value)
    {
        (int exit, string output, string error) = Run("locking", option, value);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("concurrency-demo-benchmarks: error: " + option, line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void BadName_IsAUserError()
    {
        (int exit, _, string error) = Run("locking", "--name", "../x");

        Assert.Equal(2, exit);
        Assert.Contains("--name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BothModes_PrintTheTableAndWriteChartsAndJson()
    {
        (int exit, string output, string error) = Run(
            "locking", "--duration", "400ms", "--slowdown-at", "200ms", "--work", "2ms", "--name", "t");

        Assert.True(exit == 0, error);
        Assert.Contains("before slowdown", output, StringComparison.Ordinal);
        Assert.Contains("after slowdown", output, StringComparison.Ordinal);
        Assert.Contains("coarse", output, StringComparison.Ordinal);
        Assert.Contains("owner", output, StringComparison.Ordinal);
        foreach (string chart in new[] { "t_workers_coarse.png", "t_events_coarse.png", "t_workers_owner.png", "t_events_owner.png" })
        {
            byte[] png = File.ReadAllBytes(Path.Combine(_folder, chart));
            Assert.True(png.Length > 10_000, $"{chart}: {png.Length} bytes");
            Assert.Equal(s_pngSignature, png[..4]);
        }

        string json = File.ReadAllText(Path.Combine(_folder, "t.json"));
        Assert.Contains("\"mode\": \"owner\"", json, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.tmp"));
    }
}
