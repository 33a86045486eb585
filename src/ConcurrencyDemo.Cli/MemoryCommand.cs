using System.CommandLine;
using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Cli;

/// <summary>The <c>memory</c> command: what N blocked threads and N pending async requests cost, each N in a fresh process.</summary>
internal static class MemoryCommand
{
    public const string DefaultThreads = "1,10,100,1000,10000";
    public const string DefaultRequests = "1,100,10000,100000";

    private static readonly Option<string?> s_threads = new("--threads", "-t")
    {
        Description = $"Blocked thread counts to measure, comma separated (1 to 100000). Default: {DefaultThreads}",
        HelpName = "LIST",
    };

    private static readonly Option<string?> s_requests = new("--requests")
    {
        Description = $"Pending async request counts to measure, comma separated (1 to 10000000). Default: {DefaultRequests}",
        HelpName = "LIST",
    };

    public static Command Build(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("memory", "Measures the virtual and resident memory of N blocked threads (sync) and N pending async requests, each N in a fresh process, beside the article's figures (E6).");
        command.Options.Add(s_threads);
        command.Options.Add(s_requests);
        command.SetAction(parse =>
        {
            var problems = new List<string>();
            if (!CountList.TryParse(parse.GetValue(s_threads) ?? DefaultThreads, 1, 100_000, out IReadOnlyList<int> threads))
            {
                problems.Add($"--threads: \"{parse.GetValue(s_threads)}\" — expected whole numbers from 1 to 100000, comma separated, e.g. {DefaultThreads}");
            }

            if (!CountList.TryParse(parse.GetValue(s_requests) ?? DefaultRequests, 1, 10_000_000, out IReadOnlyList<int> requests))
            {
                problems.Add($"--requests: \"{parse.GetValue(s_requests)}\" — expected whole numbers from 1 to 10000000, comma separated, e.g. {DefaultRequests}");
            }

            string output = parse.GetValue(options.Output) ?? ".";
            if (OutputFolder.Check(output) is { } folderProblem)
            {
                problems.Add(folderProblem);
            }

            if (problems.Count > 0)
            {
                return UserError.Report(stderr, problems);
            }

            if (OutputFolder.Prepare(output, stderr) is { } prepareProblem)
            {
                return UserError.Report(stderr, [prepareProblem]);
            }

            try
            {
                MemoryReport report = Measure(threads, requests, n => stderr.WriteLine($"measuring {n} …"));
                stdout.Write(MemoryReportText.Format(report));
                stdout.WriteLine(OutputFile.Write(Path.Combine(output, "memory.json"), MemoryJsonReport.Serialize(report)));
                return ExitCodes.Success;
            }
            catch (InvalidOperationException e)
            {
                // A child could not start its threads (e.g. a pids limit): say so in one line.
                stderr.WriteLine($"{UserError.Tool}: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    /// <summary>Measures every count in a fresh child process, with a fresh baseline of each kind.</summary>
    public static MemoryReport Measure(IReadOnlyList<int> threads, IReadOnlyList<int> requests, Action<string>? progress = null)
    {
        MemorySample threadBase = ChildProbe.Measure(MemoryProbeKind.BlockedThreads, 0);
        var threadCosts = new List<MemoryCost>();
        foreach (int n in threads)
        {
            progress?.Invoke(n == 1 ? "1 blocked thread" : $"{n} blocked threads");
            threadCosts.Add(MemoryCost.From(threadBase, ChildProbe.Measure(MemoryProbeKind.BlockedThreads, n)));
        }

        MemorySample asyncBase = ChildProbe.Measure(MemoryProbeKind.PendingAsync, 0);
        var asyncCosts = new List<MemoryCost>();
        foreach (int n in requests)
        {
            progress?.Invoke(n == 1 ? "1 pending async request" : $"{n} pending async requests");
            asyncCosts.Add(MemoryCost.From(asyncBase, ChildProbe.Measure(MemoryProbeKind.PendingAsync, n)));
        }

        return new MemoryReport(threadBase, threadCosts, asyncBase, asyncCosts, StackLimit.Read());
    }
}
