using System.CommandLine;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>Runs one scenario: validate everything, run with progress, print the summary, write the files.</summary>
internal sealed class RunCommand(CliOptions options, ParseResult parse, TextWriter stdout, TextWriter stderr)
{
    public int Execute(EngineKind engine)
    {
        var builder = new ScenarioBuilder
        {
            Name = parse.GetValue(options.Name),
            Rate = parse.GetValue(options.Rate),
            RequestCount = parse.GetValue(options.RequestCount),
            Latency = parse.GetValue(options.Latency),
            Timeout = parse.GetValue(options.Timeout),
            Engine = engine,
            Threads = engine == EngineKind.Sync ? parse.GetValue(options.Threads) : null,
            Clock = parse.GetValue(options.Clock),
            Arrivals = parse.GetValue(options.Arrivals),
            Seed = parse.GetValue(options.Seed),
            CpuPerRequest = parse.GetValue(options.CpuPerRequest),
            Cores = parse.GetValue(options.Cores),
            DispatchCost = parse.GetValue(options.DispatchCost),
            // Null when not typed, so that --upstream alone can imply http but contradicts an explicit model.
            Transport = parse.GetResult(options.Transport) is { Implicit: false } ? parse.GetValue(options.Transport) : null,
            Upstream = parse.GetValue(options.Upstream),
        };

        Scenario scenario;
        try
        {
            scenario = builder.Build();
        }
        catch (ScenarioException e)
        {
            return UserError.Report(stderr, e.Problems);
        }

        string output = parse.GetValue(options.Output) ?? ".";
        if (OutputFolder.Check(output) is { } folderProblem)
        {
            return UserError.Report(stderr, [folderProblem]);
        }

        using var interruption = new Interruption();
        var run = new ScenarioRun(scenario);
        bool showProgress = !parse.GetValue(options.Quiet) && !Console.IsErrorRedirected;
        RunResult result = ProgressDisplay.Run(run, scenario, showProgress, stderr, interruption.Token);

        stdout.Write(ConsoleSummary.Format(result));
        foreach (string path in ResultFiles.Write(result, output))
        {
            stdout.WriteLine($"Wrote {path}");
        }

        return interruption.ExitCode ?? ExitCodes.Success;
    }
}
