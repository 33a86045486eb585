namespace ConcurrencyDemo.Tests.Cli;

public sealed class FanoutSweepCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdb-fanout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FanoutSweep_PrintsSimulatedBesideClosedForm_AndWritesChartAndJson()
    {
        (int code, string stdout, string stderr) = CliRunner.Run("--output", _folder, "--num_req", "2000", "sweep", "--parameter", "fanout", "--values", "1,100", "--slow", "1%");

        Assert.True(code == 0, stderr);
        // Deterministic (seed 0): 1 % slow calls, K = 100, 2000 requests; the closed form is 63.40 %.
        Assert.Matches(@"(?m)^\s+1%\s+100\s+2000\s+\d+\.\d\d%\s+63\.40%$", stdout);
        Assert.Matches(@"(?m)^\s+1%\s+1\s+2000\s+\d+\.\d\d%\s+1\.00%$", stdout);
        Assert.True(File.Exists(Path.Combine(_folder, "fanout_sweep_fanout.png")));
        Assert.Contains("\"closed_form_share\"", File.ReadAllText(Path.Combine(_folder, "fanout_sweep_fanout.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void HedgedFanoutSweep_SaysItsClosedForm_AndQuietPrintsNoProgress()
    {
        (int code, string stdout, string stderr) = CliRunner.Run("--output", _folder, "--num_req", "2000", "--hedge-after", "50ms", "--quiet", "sweep", "--parameter", "fanout", "--values", "100", "--slow", "1%");

        Assert.True(code == 0, stderr);
        Assert.Contains("1 − (1 − p²)^K", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+1%\s+100\s+2000\s+\d+\.\d\d%\s+1\.00%$", stdout); // 1 − (1 − 0.01²)^100
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData("--parameter", "fanout", "--values", "0")]
    [InlineData("--parameter", "fanout", "--slow", "0%")]
    [InlineData("--parameter", "fanout", "--slow", "1")]
    [InlineData("--parameter", "rate", "--values", "100", "--slow", "1%")]
    public void BadInput_IsOneLineUserError(params string[] args)
    {
        (int code, string stdout, string stderr) = CliRunner.Run(["--output", _folder, "sweep", .. args]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("concurrency-demo-benchmarks: error: ", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void FanoutSweep_NeedsAMixLatency()
    {
        (int code, _, string stderr) = CliRunner.Run("--output", _folder, "--latency", "20ms", "sweep", "--parameter", "fanout");

        Assert.Equal(2, code);
        Assert.Contains("mix(FAST,SLOW@P%)", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
