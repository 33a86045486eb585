using System.CommandLine;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// The <c>compare</c> command: one scenario in a blocking mode (sync, or threadpool with --mode threadpool)
/// and in async, each chart drawn as a pair, the blocking mode on the left.
/// </summary>
internal sealed class CompareCommand(CliOptions options, ParseResult parse, TextWriter stdout, TextWriter stderr)
{
    private static readonly Option<string?> s_threads = new("--threads", "-t")
    {
        Description = "Worker threads of the sync run. Default: 50 (the article's)",
        HelpName = "N",
    };

    private static readonly Option<string?> s_mode = new("--mode")
    {
        Description = "The blocking mode on the left: sync (its own --threads) or threadpool (work items on the .NET ThreadPool: --block, --min-threads, --max-threads). Default: sync",
        HelpName = "sync|threadpool",
    };

    public static Command Build(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(
            "compare",
            "Runs one scenario in sync (or, with --mode threadpool, on the .NET ThreadPool) and in async and draws each chart as a pair, the blocking mode on the left and async on the right, as the article shows them. e.g.\n" +
            "  concurrency-demo-benchmarks --rate 1000 --num_req 10000 --latency \"20ms*9,30s\" --clock virtual compare --threads 50");
        foreach (Option option in OwnOptions)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => new CompareCommand(options, parse, stdout, stderr).Execute());
        return command;
    }

    /// <summary>The pair compare runs, named as it names them; throws <see cref="ScenarioException"/> on bad input.</summary>
    public static (Scenario Sync, Scenario Async, string Name) Scenarios(CliOptions options, ParseResult parse)
    {
        Scenario sync = BlockingBuilder(options, parse).Build();
        Scenario async = ScenarioOptions.Builder(options, parse, EngineKind.Async, null).Build();

        // The async run's default name without its mode: every parameter the two runs share.
        string name = parse.GetValue(options.Name) ?? async.Name["async_".Length..];
        string mode = sync.Engine == EngineKind.ThreadPool ? "threadpool" : "sync";
        return (sync with { Name = $"{mode}_{name}" }, async with { Name = $"async_{name}" }, name);
    }

    /// <summary>compare's own options (after its word).</summary>
    public static IReadOnlyList<Option> OwnOptions => [s_mode, s_threads, ThreadPoolCommand.Block, ThreadPoolCommand.MinThreads, ThreadPoolCommand.MaxThreads];

    // The left side: sync with --threads, or threadpool with its pool options; an option of the other mode is refused.
    private static ScenarioBuilder BlockingBuilder(CliOptions options, ParseResult parse)
    {
        string mode = parse.GetValue(s_mode) ?? "sync";
        bool poolOptionGiven = parse.GetResult(ThreadPoolCommand.Block) is { Implicit: false }
            || parse.GetValue(ThreadPoolCommand.MinThreads) is not null || parse.GetValue(ThreadPoolCommand.MaxThreads) is not null;
        switch (mode)
        {
            case "sync" when poolOptionGiven:
                throw new ScenarioException("--block, --min-threads and --max-threads set the .NET pool of --mode threadpool — add --mode threadpool, or drop them for sync");
            case "sync":
                return ScenarioOptions.Builder(options, parse, EngineKind.Sync, parse.GetValue(s_threads) ?? "50");
            case "threadpool" when parse.GetValue(s_threads) is not null:
                throw new ScenarioException("--threads sets the pool of --mode sync; the threadpool mode's pool is --min-threads and --max-threads — expected e.g. --mode threadpool --min-threads 50");
            case "threadpool":
                ScenarioBuilder builder = ScenarioOptions.Builder(options, parse, EngineKind.ThreadPool, null);
                builder.Block = parse.GetValue(ThreadPoolCommand.Block);
                builder.PoolMinThreads = parse.GetValue(ThreadPoolCommand.MinThreads);
                builder.PoolMaxThreads = parse.GetValue(ThreadPoolCommand.MaxThreads);
                return builder;
            default:
                throw new ScenarioException($"--mode: \"{mode}\" is not a mode compare runs beside async — expected sync or threadpool, e.g. --mode threadpool");
        }
    }

    private int Execute()
    {
        Scenario sync, async;
        string name;
        try
        {
            (sync, async, name) = Scenarios(options, parse);
        }
        catch (ScenarioException e)
        {
            return UserError.Report(stderr, e.Problems);
        }

        string output = parse.GetValue(options.Output) ?? ".";
        if (OutputFolder.Prepare(output, stderr) is { } folderProblem)
        {
            return UserError.Report(stderr, [folderProblem]);
        }

        using var interruption = new Interruption(stderr);
        bool quiet = parse.GetValue(options.Quiet);
        bool showProgress = !quiet && !Console.IsErrorRedirected;
        if (!quiet && ProgressLine.LongRunHint(sync) is { } hint)
        {
            stderr.WriteLine(hint);
        }

        RunResult syncResult = ProgressDisplay.Run(new ScenarioRun(sync), sync, showProgress, stderr, interruption.Token);
        RunResult asyncResult = interruption.ExitCode is null
            ? ProgressDisplay.Run(new ScenarioRun(async), async, showProgress, stderr, interruption.Token)
            : new ScenarioRun(async).Run(interruption.Token);

        stdout.WriteLine($"== {(sync.Engine == EngineKind.ThreadPool ? "threadpool" : "sync")} (left) ==");
        stdout.Write(ConsoleSummary.Format(syncResult));
        stdout.WriteLine("== async (right) ==");
        stdout.Write(ConsoleSummary.Format(asyncResult));
        foreach (ChartRenderer.Chart chart in ComparisonCharts.RenderAll(syncResult, asyncResult, name))
        {
            stdout.WriteLine(OutputFile.Write(Path.Combine(output, chart.FileName), chart.Png));
        }

        foreach (RunResult result in new[] { syncResult, asyncResult })
        {
            stdout.WriteLine(OutputFile.Write(Path.Combine(output, $"{result.Scenario.Name}.json"), JsonReport.Serialize(result)));
        }

        return interruption.ExitCode ?? ExitCodes.Success;
    }
}
