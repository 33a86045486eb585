using System.Collections.Concurrent;

namespace ConcurrencyDemo.Tests.Cli;

/// <summary>
/// The battery: malformed command lines run against the built CLI as real processes. Each must give
/// one line per problem naming it and its valid form, exit code 2, no stack trace, and no file
/// written (each runs in a fresh, empty folder that is also its output folder).
/// </summary>
/// <remarks>
/// xunit runs a theory's cases one after another, so the first case starts every process (a few at a
/// time) and each case then only awaits its own: the battery takes seconds, not a minute.
/// </remarks>
public sealed class MalformedCommandLineTests : IClassFixture<MalformedCommandLineTests.TempRoot>
{
    private const string Tool = "concurrency-demo-benchmarks: error: ";
    private static readonly string[] s_base = ["--rate", "10", "--num_req", "10"];
    private static readonly string s_root = Path.Combine(Path.GetTempPath(), $"cdb-battery-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private static readonly SemaphoreSlim s_slots = new(Math.Max(2, Environment.ProcessorCount * 2));
    private static readonly ConcurrentDictionary<string, Task<(CliProcess.Result Result, string Folder)>> s_runs = new();

    /// <summary>id → (arguments, text the error must name, expected number of lines or null for "at least one").</summary>
    private static readonly Dictionary<string, (string[] Args, string Names, int? Lines)> s_cases = new()
    {
        // --latency
        ["latency empty"] = (Latency(""), "--latency", 1),
        ["latency star"] = (Latency("*"), "--latency", 1),
        ["latency value star"] = (Latency("20ms*"), "--latency", 1),
        ["latency star count"] = (Latency("*3"), "--latency", 1),
        ["latency count zero"] = (Latency("20ms*0"), "--latency", 1),
        ["latency count negative"] = (Latency("20ms*-1"), "--latency", 1),
        ["latency negative"] = (Latency("-5ms"), "--latency", 1),
        ["latency word"] = (Latency("abc"), "--latency", 1),
        ["latency unknown unit"] = (Latency("20xs"), "--latency", 1),
        ["latency exponent"] = (Latency("1e400s"), "--latency", 1),
        ["latency double star"] = (Latency("20ms**2"), "--latency", 1),
        ["latency lone comma"] = (Latency(","), "--latency", 1),
        ["latency empty item"] = (Latency("20ms,,30ms"), "--latency", 1),
        ["latency duration overflow"] = (Latency("99999999999999999999999999999999s"), "--latency", 1),
        ["latency count overflow"] = (Latency("20ms*99999999999"), "--latency", 1),
        ["latency arabic digits"] = (Latency("٣ms"), "--latency", 1),
        ["latency fullwidth digits"] = (Latency("２０ms"), "--latency", 1),
        ["latency over a day"] = (Latency("25h"), "--latency", 1),
        ["latency too many endpoints"] = (Latency("20ms*200000"), "--latency", 1),
        ["latency missing value"] = ([.. s_base, "--latency"], "--latency", 1),
        ["latency p99 below p50"] = (Latency("lognormal(p50=200ms,p99=20ms)"), "--latency", 1),
        ["latency negative mean"] = (Latency("exp(-20ms)"), "--latency", 1),
        ["latency uniform reversed"] = (Latency("uniform(30ms,10ms)"), "--latency", 1),
        ["latency unknown distribution"] = (Latency("gamma(20ms)*3"), "--latency", 1),

        // threadpool: .NET's pool limits (1 ≤ min ≤ max ≤ 32767), the way requests block, options it refuses
        ["threadpool block unknown"] = ([.. s_base, "--latency", "1ms", "threadpool", "--block", "spin"], "--block", 1),
        ["threadpool min zero"] = ([.. s_base, "--latency", "1ms", "threadpool", "--min-threads", "0"], "--min-threads", 1),
        ["threadpool max above .NET"] = ([.. s_base, "--latency", "1ms", "threadpool", "--max-threads", "40000"], "--max-threads", 1),
        ["threadpool min above max"] = ([.. s_base, "--latency", "1ms", "threadpool", "--min-threads", "50", "--max-threads", "10"], "--min-threads", 1),
        ["threadpool min word"] = ([.. s_base, "--latency", "1ms", "threadpool", "--min-threads", "many"], "--min-threads", 1),
        ["threadpool with a machine model"] = ([.. s_base, "--latency", "1ms*2", "--clock", "virtual", "--cpu-per-request", "1ms", "threadpool"], "threadpool", 1),

        // --slowdown, --fanout
        ["slowdown endpoint out of range"] = ([.. s_base, "--latency", "1ms*2", "--slowdown", "2=1s@0-0.5", "async"], "--slowdown", 1),
        ["slowdown from after to"] = ([.. s_base, "--latency", "1ms", "--slowdown", "0=1s@0.5-0.2", "async"], "--slowdown", 1),
        ["slowdown beyond the run"] = ([.. s_base, "--latency", "1ms", "--slowdown", "all=1s@5-6", "async"], "--slowdown", 1),
        ["slowdown malformed"] = ([.. s_base, "--latency", "1ms", "--slowdown", "0=1s", "async"], "--slowdown", 1),
        ["fanout zero"] = ([.. s_base, "--latency", "1ms*3", "--fanout", "0", "async"], "--fanout", 1),
        ["fanout above endpoints"] = ([.. s_base, "--latency", "1ms*3", "--fanout", "4", "async"], "--fanout", 1),
        ["fanout quorum above k"] = ([.. s_base, "--latency", "1ms*3", "--fanout", "2/3", "async"], "--fanout", 1),
        ["fanout over http"] = ([.. s_base, "--latency", "1ms*3", "--fanout", "2", "--transport", "http", "async"], "--fanout", 1),

        // --rate
        // closed loop: --connections only with --arrivals closed, at least 1; --rate optional there but still > 0
        ["closed connections zero"] = (["--num_req", "10", "--latency", "1ms", "--arrivals", "closed", "--connections", "0", "async"], "--connections", 1),
        ["closed connections word"] = (["--num_req", "10", "--latency", "1ms", "--arrivals", "closed", "--connections", "many", "async"], "--connections", 1),
        ["closed connections missing"] = (["--num_req", "10", "--latency", "1ms", "--arrivals", "closed", "async"], "--connections", 1),
        ["connections without closed"] = ([.. s_base, "--latency", "1ms", "--connections", "5", "async"], "--connections", 1),
        ["connections with poisson"] = ([.. s_base, "--latency", "1ms", "--arrivals", "poisson", "--connections", "5", "async"], "--connections", 1),
        ["closed rate negative"] = (["--rate", "-5", "--num_req", "10", "--latency", "1ms", "--arrivals", "closed", "--connections", "5", "async"], "--rate", 1),
        ["closed rate zero"] = (["--rate", "0", "--num_req", "10", "--latency", "1ms", "--arrivals", "closed", "--connections", "5", "sync", "--threads", "5"], "--rate", 1),
        ["closed sweep"] = (["--num_req", "100", "--arrivals", "closed", "--connections", "5", "sweep", "--values", "10,20"], "--arrivals closed", 1),
        // --duration: only with a closed loop, a duration > 0
        ["duration without closed"] = ([.. s_base, "--latency", "1ms", "--duration", "10s", "async"], "--duration", 1),
        ["duration zero"] = (["--num_req", "10", "--latency", "1ms", "--arrivals", "closed", "--connections", "5", "--duration", "0s", "async"], "--duration", 1),
        ["duration word"] = (["--num_req", "10", "--latency", "1ms", "--arrivals", "closed", "--connections", "5", "--duration", "long", "async"], "--duration", 1),
        ["duration negative"] = (["--num_req", "10", "--latency", "1ms", "--arrivals", "closed", "--connections", "5", "--duration", "-10s", "async"], "--duration", 1),
        ["threadpool poll with retries"] = ([.. s_base, "--latency", "1ms", "--retries", "1", "threadpool", "--block", "poll"], "--block poll", 1),
        ["closed with a breaker"] = ([.. s_base, "--latency", "1ms*2", "--breaker", "--arrivals", "closed", "--connections", "5", "async"], "--arrivals closed", 1),

        ["rate zero"] = (["--rate", "0", "--num_req", "10", "--latency", "1ms", "async"], "--rate", 1),
        ["rate negative"] = (["--rate", "-5", "--num_req", "10", "--latency", "1ms", "async"], "--rate", 1),
        ["rate word"] = (["--rate", "abc", "--num_req", "10", "--latency", "1ms", "async"], "--rate", 1),
        ["rate overflow"] = (["--rate", "1e400", "--num_req", "10", "--latency", "1ms", "async"], "--rate", 1),
        ["rate huge"] = (["--rate", new string('9', 400), "--num_req", "10", "--latency", "1ms", "async"], "--rate", 1),
        ["rate arabic digit"] = (["--rate", "٣", "--num_req", "10", "--latency", "1ms", "async"], "--rate", 1),
        ["rate takes years"] = (["--rate", "0.0000001", "--num_req", "10", "--latency", "1ms", "async"], "--rate", 1),

        // --num_req
        ["num_req zero"] = (["--rate", "10", "--num_req", "0", "--latency", "1ms", "async"], "--num_req", 1),
        ["num_req negative"] = (["--rate", "10", "--num_req", "-1", "--latency", "1ms", "async"], "--num_req", 1),
        ["num_req word"] = (["--rate", "10", "--num_req", "ten", "--latency", "1ms", "async"], "--num_req", 1),
        ["num_req overflow"] = (["--rate", "10", "--num_req", "99999999999999999999999", "--latency", "1ms", "async"], "--num_req", 1),
        ["num_req fraction"] = (["--rate", "10", "--num_req", "1.5", "--latency", "1ms", "async"], "--num_req", 1),

        // --threads
        ["threads zero"] = (Sync("0"), "--threads", 1),
        ["threads negative"] = (Sync("-3"), "--threads", 1),
        ["threads word"] = (Sync("many"), "--threads", 1),
        ["threads overflow"] = (Sync("99999999999999999999"), "--threads", 1),
        ["threads beyond the OS"] = (Sync("99000"), "--threads", null),
        ["threads missing"] = ([.. s_base, "--latency", "1ms", "sync"], "--threads", 1),
        ["threads missing value"] = ([.. s_base, "--latency", "1ms", "sync", "--threads"], "--threads", 1),

        // --name
        ["name with slash"] = (Named("a/b"), "--name", 1),
        ["name dot dot"] = (Named(".."), "--name", 1),
        ["name empty"] = (Named(""), "--name", 1),
        ["name control character"] = (Named("a\u0001b"), "--name", 1),
        ["name newline"] = (Named("a\nb"), "--name", 1),
        ["name escape sequence"] = (Named("\u001b[31mred"), "--name", 1),
        ["name too long"] = (Named(new string('n', 101)), "--name", 1),
        ["name response file"] = (Named("@args.rsp"), "--name", 1),

        // --output (these set their own)
        ["output under a file"] = ([.. s_base, "--latency", "1ms", "--output", "/etc/hostname/out", "async"], "--output", 1),
        ["output unwritable"] = ([.. s_base, "--latency", "1ms", "--output", "/proc", "async"], "--output", 1),
        ["output is a file"] = ([.. s_base, "--latency", "1ms", "--output", "/etc/hostname", "async"], "--output", 1),

        // mode and other options
        ["unknown mode"] = ([.. s_base, "--latency", "1ms", "fast"], "fast", 1),
        ["missing mode"] = ([.. s_base, "--latency", "1ms"], "mode", 1),
        ["mode eaten by latency"] = ([.. s_base, "--latency", "async"], "mode", 1),
        ["nothing at all"] = ([], "mode", 1),
        ["missing rate"] = (["--num_req", "10", "--latency", "1ms", "async"], "--rate", 1),
        ["missing num_req"] = (["--rate", "10", "--latency", "1ms", "async"], "--num_req", 1),
        ["missing latency"] = ([.. s_base, "async"], "--latency", 1),
        ["missing everything"] = (["async"], "--", 3),
        ["unknown option"] = ([.. s_base, "--latency", "1ms", "--fast", "async"], "--fast", 1),
        ["trailing option without value"] = ([.. s_base, "--latency", "1ms", "async", "--rate"], "--rate", 1),
        ["trailing threads on sync"] = ([.. s_base, "--latency", "1ms", "sync", "--threads"], "--threads", 1),
        ["trailing threads on compare"] = ([.. s_base, "--latency", "1ms", "compare", "--threads"], "--threads", 1),
        ["clock unknown"] = ([.. s_base, "--latency", "1ms", "--clock", "wall", "async"], "--clock", 1),
        ["clock number"] = ([.. s_base, "--latency", "1ms", "--clock", "1", "async"], "--clock", 1),
        ["arrivals unknown"] = ([.. s_base, "--latency", "1ms", "--arrivals", "bursty", "async"], "--arrivals", 1),
        ["timeout zero"] = ([.. s_base, "--latency", "1ms", "--timeout", "0", "async"], "--timeout", 1),
        ["timeout negative"] = ([.. s_base, "--latency", "1ms", "--timeout", "-1s", "async"], "--timeout", 1),
        // mitigations
        ["balancer unknown"] = ([.. s_base, "--latency", "1ms", "--balancer", "fastest", "async"], "--balancer", 1),
        ["eject ratio above 100%"] = ([.. s_base, "--latency", "1ms", "--eject", "max=150%", "async"], "--eject", 1),
        ["eject consecutive zero"] = ([.. s_base, "--latency", "1ms", "--eject", "consecutive=0", "async"], "--eject", 1),
        ["eject interval zero"] = ([.. s_base, "--latency", "1ms", "--eject", "interval=0s", "async"], "--eject", 1),
        ["eject base negative"] = ([.. s_base, "--latency", "1ms", "--eject", "base=-1s", "async"], "--eject", 1),
        ["eject unknown key"] = ([.. s_base, "--latency", "1ms", "--eject", "window=5s", "async"], "--eject", 1),
        ["breaker ratio above 1"] = ([.. s_base, "--latency", "1ms", "--breaker", "ratio=1.5", "async"], "--breaker", 1),
        ["breaker break zero"] = ([.. s_base, "--latency", "1ms", "--breaker", "break=0s", "async"], "--breaker", 1),
        ["bulkhead zero"] = ([.. s_base, "--latency", "1ms", "--bulkhead", "0", "async"], "--bulkhead", 1),
        ["bulkhead word"] = ([.. s_base, "--latency", "1ms", "--bulkhead", "many", "async"], "--bulkhead", 1),
        ["retries negative"] = ([.. s_base, "--latency", "1ms", "--retries", "-1", "async"], "--retries", 1),
        ["retries above 10"] = ([.. s_base, "--latency", "1ms", "--retries", "11", "async"], "--retries", 1),
        ["retry budget above 100%"] = ([.. s_base, "--latency", "1ms", "--retries", "1", "--retry-budget", "150%", "async"], "--retry-budget", 1),
        ["retry budget without retries"] = ([.. s_base, "--latency", "1ms", "--retry-budget", "20%", "async"], "--retry-budget", 1),
        ["upstream capacity zero"] = ([.. s_base, "--latency", "1ms", "--upstream-capacity", "0", "async"], "--upstream-capacity", 1),
        ["upstream capacity over http"] = ([.. s_base, "--latency", "1ms", "--upstream-capacity", "5", "--transport", "http", "async"], "--upstream-capacity", 1),
        ["hedge after zero"] = ([.. s_base, "--latency", "1ms", "--hedge-after", "0ms", "async"], "--hedge-after", 1),
        ["hedge after the timeout"] = ([.. s_base, "--latency", "1ms", "--timeout", "100ms", "--hedge-after", "100ms", "async"], "--hedge-after", 1),
        ["seed overflow"] = ([.. s_base, "--latency", "1ms", "--seed", "99999999999", "async"], "--seed", 1),
        ["cores zero"] = ([.. s_base, "--latency", "1ms", "--clock", "virtual", "--cores", "0", "async"], "--cores", 1),
        ["cpu per request negative"] = ([.. s_base, "--latency", "1ms", "--clock", "virtual", "--cpu-per-request", "-1ms", "async"], "--cpu-per-request", 1),
        ["dispatch cost not a duration"] = ([.. s_base, "--latency", "1ms", "--clock", "virtual", "--dispatch-cost", "soon", "sync", "--threads", "2"], "--dispatch-cost", 1),
        ["transport unknown"] = ([.. s_base, "--latency", "1ms", "--transport", "tcp", "async"], "--transport", 1),
        ["timer unknown"] = ([.. s_base, "--latency", "1ms", "--timer", "fast", "async"], "--timer", 1),
        ["upstream not http"] = ([.. s_base, "--latency", "1ms", "--upstream", "ftp://127.0.0.1/", "async"], "--upstream", 1),
        ["real run over an hour"] = (["--rate", "1000", "--num_req", "100000", "--latency", "20ms*9,30s", "sync", "--threads", "50"], "--clock virtual", 1),
        ["two problems"] = (["--rate", "0", "--num_req", "0", "--latency", "1ms", "async"], "--", 2),
    };

    public static TheoryData<string> Cases => [.. s_cases.Keys];

    [Fact]
    public void Battery_HasACaseForEveryOptionThatTakesAValue()
    {
        // --python_path is accepted and ignored, so no value of it is malformed.
        var uncovered = new ConcurrencyDemo.Cli.CliOptions().Valued
            .Select(o => o.Name)
            .Where(name => name != "--python_path" && !s_cases.Values.Any(c => c.Names == name))
            .ToList();

        Assert.Empty(uncovered);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedCommandLine_OneLinePerProblem_Exit2_NothingWritten(string id)
    {
        StartAll();
        (CliProcess.Result result, string folder) = await s_runs[id];
        (_, string names, int? lines) = s_cases[id];

        string[] errorLines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string all = $"stderr: {result.Stderr}\nstdout: {result.Stdout}";
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}\n{all}");
        Assert.NotEmpty(errorLines);
        if (lines is int expected)
        {
            Assert.True(errorLines.Length == expected, $"expected {expected} line(s)\n{all}");
        }

        foreach (string line in errorLines)
        {
            Assert.StartsWith(Tool, line, StringComparison.Ordinal);
            Assert.True(
                line.Contains("expected", StringComparison.Ordinal) || line.Contains("e.g.", StringComparison.Ordinal)
                || line.Contains("usage:", StringComparison.Ordinal) || line.Contains("--force", StringComparison.Ordinal)
                || line.Contains("mkdir", StringComparison.Ordinal),
                $"no valid form in: {line}");
            Assert.DoesNotContain("Exception", line.Replace("Exception)", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.False(line.Any(c => char.IsControl(c) && c != '\r'), $"control character in: {line}");
        }

        Assert.Contains(names, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    private static void StartAll()
    {
        foreach ((string id, (string[] args, _, _)) in s_cases)
        {
            s_runs.GetOrAdd(id, _ => RunCaseAsync(id, args));
        }
    }

    private static async Task<(CliProcess.Result, string)> RunCaseAsync(string id, string[] args)
    {
        string caseRoot = Path.Combine(s_root, string.Concat(id.Select(c => char.IsLetterOrDigit(c) ? c : '_')));
        string folder = Path.Combine(caseRoot, "cwd");
        Directory.CreateDirectory(folder);
        string missing = Path.Combine(caseRoot, "missing");
        bool ownOutput = args.Contains("--output");
        string[] full = ownOutput
            ? [.. args.Select(a => a == "{missing}" ? missing : a)]
            : ["--output", folder, .. args];

        await s_slots.WaitAsync();
        try
        {
            CliProcess.Result result = await CliProcess.RunAsync(full, folder, TimeSpan.FromSeconds(60));
            Assert.False(Directory.Exists(missing), "the missing output folder was created");
            return (result, folder);
        }
        finally
        {
            s_slots.Release();
        }
    }

    /// <summary>Removes every case's folder once the class's tests are done.</summary>
    public sealed class TempRoot : IDisposable
    {
        public void Dispose()
        {
            if (Directory.Exists(s_root))
            {
                Directory.Delete(s_root, recursive: true);
            }
        }
    }

    private static string[] Latency(string latency) => [.. s_base, "--latency", latency, "async"];

    private static string[] Sync(string threads) => [.. s_base, "--latency", "1ms", "sync", "--threads", threads];

    private static string[] Named(string name) => ["--name", name, .. s_base, "--latency", "1ms", "async"];
}
