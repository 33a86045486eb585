namespace ConcurrencyDemo.Tests.Cli;

public sealed class NewCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdb-cmd-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Memory_MeasuresEachCountInAChildProcess_AndExplainsVirtualVersusResident()
    {
        (int code, string stdout, string stderr) = CliRunner.Run("memory", "--threads", "1,100", "--requests", "10");

        Assert.True(code == 0, stderr);
        Assert.Contains("virt/thread", stdout, StringComparison.Ordinal);
        Assert.Contains("RSS/thread", stdout, StringComparison.Ordinal);
        Assert.Contains("Why two figures", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+100\s", stdout);
    }

    [Theory]
    [InlineData("memory", "--threads", "0")]
    [InlineData("memory", "--threads", "ten")]
    [InlineData("sweep", "--parameter", "rate")]
    [InlineData("sweep", "--values", "0,x")]
    public void BadInput_IsOneLineUserError(params string[] args)
    {
        (int code, string stdout, string stderr) = CliRunner.Run(["--output", _folder, .. args]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("concurrency-demo-benchmarks: error: ", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Sweep_Defaults_AnswerE8WithAChartAndASentence()
    {
        (int code, string stdout, string stderr) = CliRunner.Run("--output", _folder, "--num_req", "4000", "sweep", "--values", "100,200,300");

        Assert.True(code == 0, stderr);
        Assert.Contains("sync mode needs 200 threads", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "sweep_threads.png")));
    }

    [Fact]
    public void Compare_WritesFourPairedCharts()
    {
        (int code, string stdout, string stderr) = CliRunner.Run(
            "--output", _folder, "--rate", "1000", "--num_req", "2000", "--latency", "20ms*9,30s", "--clock", "virtual", "--name", "e3", "compare", "--threads", "50");

        Assert.True(code == 0, stderr);
        Assert.Contains("== sync (left) ==", stdout, StringComparison.Ordinal);
        Assert.Equal(4, Directory.GetFiles(_folder, "compare_*_e3.png").Length);
    }
}
