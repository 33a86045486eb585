using System.Text.RegularExpressions;
using ConcurrencyDemo.Cli;

namespace ConcurrencyDemo.Tests.Cli;

/// <summary>The command line as a wrk2/k6 user meets it: per-command options, one problem per mistake, help that helps.</summary>
public sealed partial class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdb-cl-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("locking", "--rate", "--rate", "5", "--latency", "1s", "locking", "--duration", "1s")]
    [InlineData("reproduce", "--num_req", "--num_req", "5", "reproduce", "--virtual-only")]
    [InlineData("memory", "--latency", "--latency", "1s", "memory", "--threads", "1")]
    [InlineData("reproduce", "--name", "reproduce", "--virtual-only", "--name", "x")]
    public void AnOptionThatDoesNotApply_IsAnErrorNamingTheCommand(string command, string option, params string[] args)
    {
        (int code, string stdout, string stderr) = CliRunner.Run(["--output", _folder, .. args]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"concurrency-demo-benchmarks: error: {option} does not apply to {command}", lines[0], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Contains($"does not apply to {command}", l, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Theory]
    [InlineData("locking", "--rate")]
    [InlineData("reproduce", "--num_req")]
    [InlineData("memory", "--latency")]
    [InlineData("reproduce", "--name")]
    public void CommandHelp_ListsOnlyItsOwnOptions(string command, string foreign)
    {
        (int code, string stdout, _) = CliRunner.Run(command, "--help");

        Assert.Equal(0, code);
        Assert.DoesNotContain(foreign, stdout, StringComparison.Ordinal);
        Assert.Contains("--output", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspeltOption_IsOneProblem_WithASuggestion()
    {
        (int code, _, string stderr) = CliRunner.Run("--output", _folder, "--rate", "10", "--num_req", "10", "--latencyy", "20ms*10", "async");

        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown option \"--latencyy\"", line, StringComparison.Ordinal);
        Assert.Contains("did you mean --latency?", line, StringComparison.Ordinal);
    }

    [Fact]
    public void NumReqWithAHyphen_IsAcceptedToo()
    {
        (int code, _, string stderr) = CliRunner.Run("--output", _folder, "--rate", "1000", "--num-req", "10", "--latency", "20ms", "--clock", "virtual", "async");

        Assert.True(code == 0, stderr);
    }

    [Fact]
    public void SyncWithoutThreads_SaysSoInOurStyle_WithTheValidForm()
    {
        (int code, _, string stderr) = CliRunner.Run("--output", _folder, "--rate", "10", "--num_req", "10", "--latency", "20ms", "sync");

        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("concurrency-demo-benchmarks: error: --threads: missing", line, StringComparison.Ordinal);
        Assert.Contains("sync --threads 50", line, StringComparison.Ordinal);
        Assert.DoesNotContain("is required", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("sync", "--help")]
    [InlineData("sweep", "--help")]
    [InlineData("memory", "--help")]
    [InlineData("compare", "--help")]
    [InlineData("locking", "--help")]
    [InlineData("reproduce", "--help")]
    [InlineData("serve", "--help")]
    public void Help_ShowsEachDefaultOnce_LowerCaseAsTyped(params string[] args)
    {
        (_, string stdout, _) = CliRunner.Run(args);

        foreach (string entry in OptionEntries(stdout))
        {
            Assert.True(Regex.Matches(entry, "default", RegexOptions.IgnoreCase).Count <= 1, $"default shown twice: {entry}");
            Assert.DoesNotMatch(@"\[default: [A-Z]", entry);
        }
    }

    [Fact]
    public void SweepHelp_ShowsTheVirtualClockItUsesByDefault()
    {
        (_, string stdout, _) = CliRunner.Run("sweep", "--help");

        string clock = Assert.Single(OptionEntries(stdout), e => e.TrimStart().StartsWith("--clock", StringComparison.Ordinal));
        Assert.Contains("Default: virtual", clock, StringComparison.Ordinal);
        Assert.DoesNotContain("Real", clock, StringComparison.Ordinal);
    }

    [Fact]
    public void ClockHelp_SaysIntegerTicks()
    {
        (_, string stdout, _) = CliRunner.Run("--help");

        string clock = Assert.Single(OptionEntries(stdout), e => e.TrimStart().StartsWith("--clock", StringComparison.Ordinal));
        Assert.Contains("integer ticks", clock, StringComparison.Ordinal);
        Assert.DoesNotContain("milliseconds", clock, StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryProgress_SaysOneBlockedThread()
    {
        var lines = new List<string>();
        MemoryCommand.Measure([1], [1], lines.Add);

        Assert.Contains("1 blocked thread", lines);
        Assert.Contains("1 pending async request", lines);
    }

    [Theory]
    [InlineData(ExitCodes.Interrupted, true)]
    [InlineData(ExitCodes.Terminated, false)]
    public void InterruptionMessage_OffersCtrlCAgain_OnlyAfterCtrlC(int exitCode, bool offered)
    {
        string message = Interruption.Message(exitCode);

        Assert.Equal(offered, message.Contains("Ctrl+C again", StringComparison.Ordinal));
    }

    /// <summary>The help's option entries, each with its wrapped continuation lines joined.</summary>
    private static List<string> OptionEntries(string help)
    {
        var entries = new List<string>();
        foreach (string line in help.ReplaceLineEndings("\n").Split('\n'))
        {
            if (OptionStart().IsMatch(line))
            {
                entries.Add(line.Trim());
            }
            else if (entries.Count > 0 && line.StartsWith("      ", StringComparison.Ordinal) && line.Trim().Length > 0)
            {
                entries[^1] += " " + line.Trim();
            }
        }

        return entries;
    }

    [GeneratedRegex(@"^\s{2}-")]
    private static partial Regex OptionStart();
}
