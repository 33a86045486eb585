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
        ScenarioBuilder builder = ScenarioOptions.Builder(
            options, parse, engine, engine == EngineKind.Sync ? parse.GetValue(options.Threads) : null);

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
