using System.CommandLine;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>The <c>compare</c> command: one scenario in sync and in async, each chart drawn as a pair, sync on the left.</summary>
internal sealed class CompareCommand(CliOptions options, ParseResult parse, TextWriter stdout, TextWriter stderr)
{
    private static readonly Option<string?> s_threads = new("--threads", "-t")
    {
        Description = "Worker threads of the sync run. Default: 50 (the article's)",
        HelpName = "N",
    };

    public static Command Build(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(
            "compare",
            "Runs one scenario in sync and in async and draws each chart as a pair, sync on the left and async on the right, as the article shows them. e.g.\n" +
            "  concurrency-demo-benchmarks --rate 1000 --num_req 10000 --latency \"20ms*9,30s\" --clock virtual compare --threads 50");
        command.Options.Add(s_threads);
        command.SetAction(parse => new CompareCommand(options, parse, stdout, stderr).Execute());
        return command;
    }

    /// <summary>The pair compare runs, named as it names them; throws <see cref="ScenarioException"/> on bad input.</summary>
    public static (Scenario Sync, Scenario Async, string Name) Scenarios(CliOptions options, ParseResult parse)
    {
        string threads = parse.GetValue(s_threads) ?? "50";
        Scenario sync = ScenarioOptions.Builder(options, parse, EngineKind.Sync, threads).Build();
        Scenario async = ScenarioOptions.Builder(options, parse, EngineKind.Async, null).Build();

        // The async run's default name without its mode: every parameter the two runs share.
        string name = parse.GetValue(options.Name) ?? async.Name["async_".Length..];
        return (sync with { Name = $"sync_{name}" }, async with { Name = $"async_{name}" }, name);
    }

    /// <summary>compare's own options (after its word).</summary>
    public static IReadOnlyList<Option> OwnOptions => [s_threads];

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

        stdout.WriteLine("== sync (left) ==");
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
