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

    private int Execute()
    {
        string threads = parse.GetValue(s_threads) ?? "50";
        ScenarioBuilder syncBuilder = ScenarioOptions.Builder(options, parse, EngineKind.Sync, threads);
        ScenarioBuilder asyncBuilder = ScenarioOptions.Builder(options, parse, EngineKind.Async, null);
        Scenario sync, async;
        try
        {
            sync = syncBuilder.Build();
            async = asyncBuilder.Build();
        }
        catch (ScenarioException e)
        {
            return UserError.Report(stderr, e.Problems);
        }

        // The async run's default name without its mode: every parameter the two runs share.
        string name = parse.GetValue(options.Name) ?? async.Name["async_".Length..];
        sync = sync with { Name = $"sync_{name}" };
        async = async with { Name = $"async_{name}" };
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
