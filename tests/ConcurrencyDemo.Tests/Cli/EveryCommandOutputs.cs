namespace ConcurrencyDemo.Tests.Cli;

/// <summary>
/// Runs every command once, as a user would, each into its own output folder that does not exist yet;
/// shared by the tests that check the folders, the JSON files and their schemas.
/// </summary>
public sealed class EveryCommandOutputs : IDisposable
{
    /// <summary>The command lines, by command; each gets "--output ROOT/COMMAND/out" in front.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Commands = new Dictionary<string, string[]>
    {
        ["run"] = ["--rate", "1000", "--num_req", "3000", "--latency", "20ms*9,30s", "--clock", "virtual", "sync", "--threads", "50"],
        ["run-mitigated"] = ["--rate", "1000", "--num_req", "3000", "--latency", "20ms*9,30s", "--timeout", "1s", "--balancer", "p2c", "--eject", "--clock", "virtual", "sync", "--threads", "50"],
        ["run-real"] = ["--quiet", "--rate", "200", "--num_req", "100", "--latency", "5ms*2", "sync", "--threads", "5"],
        ["run-threadpool"] = ["--rate", "200", "--num_req", "600", "--latency", "100ms", "--clock", "virtual", "threadpool", "--block", "sleep"],
        ["run-threadpool-real"] = ["--quiet", "--rate", "200", "--num_req", "100", "--latency", "5ms*2", "threadpool", "--min-threads", "4"],
        ["run-threadpool-mitigated"] = ["--rate", "1000", "--num_req", "3000", "--latency", "20ms*9,30s", "--timeout", "1s", "--eject", "--hedge-after", "50ms", "--retries", "1", "--clock", "virtual", "threadpool", "--min-threads", "20"],
        ["compare-threadpool"] = ["--rate", "1000", "--num_req", "2000", "--latency", "20ms*9,30s", "--clock", "virtual", "compare", "--mode", "threadpool", "--block", "sleep"],
        ["run-closed"] = ["--rate", "1000", "--num_req", "3000", "--latency", "20ms*9,30s", "--clock", "virtual", "--arrivals", "closed", "--connections", "50", "async"],
        ["run-closed-norate"] = ["--num_req", "300", "--latency", "20ms*9,30s", "--clock", "virtual", "--arrivals", "closed", "--connections", "50", "sync", "--threads", "50"],
        ["run-closed-duration"] = ["--num_req", "100000", "--duration", "10s", "--latency", "500ms", "--clock", "virtual", "--arrivals", "closed", "--connections", "125", "threadpool", "--block", "poll"],
        ["compare"] = ["--rate", "1000", "--num_req", "2000", "--latency", "20ms*9,30s", "--clock", "virtual", "compare", "--threads", "50"],
        ["run-upstreams"] = ["--rate", "1000", "--num_req", "3000", "--latency", "exp(20ms)*4", "--slowdown", "0=1s@1-1.5", "--slowdown", "all=40ms@2-2.5", "--fanout", "2", "--clock", "virtual", "sync", "--threads", "50"],
        ["sweep"] = ["--num_req", "2000", "sweep", "--values", "100,200"],
        ["sweep-fanout"] = ["--num_req", "1000", "sweep", "--parameter", "fanout", "--values", "1,10", "--slow", "1%"],
        ["locking"] = ["--quiet", "locking", "--duration", "400ms", "--workers", "2"],
        ["memory"] = ["memory", "--threads", "1,10", "--requests", "1"],
        ["reproduce"] = ["reproduce", "--virtual-only"],
    };

    public EveryCommandOutputs()
    {
        foreach ((string command, string[] args) in Commands)
        {
            string folder = Path.Combine(Root, command, "out");
            Results[command] = (folder, CliRunner.Run(["--output", folder, .. args]));
        }
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("cdb-every-").FullName;

    /// <summary>Per command: the output folder and what the command printed.</summary>
    public Dictionary<string, (string Folder, (int ExitCode, string Stdout, string Stderr) Run)> Results { get; } = [];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
