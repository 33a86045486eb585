using System.CommandLine;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Cli;

/// <summary>Runs one scenario: validate everything, run with progress, print the summary, write the files.</summary>
internal sealed class RunCommand(CliOptions options, ParseResult parse, TextWriter stdout, TextWriter stderr)
{
    /// <param name="engine">The mode.</param>
    /// <param name="modeOptions">Fills in the options of the mode's own (after the mode word), if it has any.</param>
    public int Execute(EngineKind engine, Action<ScenarioBuilder>? modeOptions = null)
    {
        ScenarioBuilder builder = ScenarioOptions.Builder(
            options, parse, engine, engine == EngineKind.Sync ? parse.GetValue(options.Threads) : null);
        modeOptions?.Invoke(builder);

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

        if (!parse.GetValue(options.Force))
        {
            IReadOnlyList<string> tooMuch = RunGuard.Check(scenario, MachineLimits.Read(), OutputFolder.FreeBytes(output));
            if (tooMuch.Count > 0)
            {
                return UserError.Report(stderr, tooMuch);
            }
        }

        if (OutputFolder.Prepare(output, stderr) is { } prepareProblem)
        {
            return UserError.Report(stderr, [prepareProblem]);
        }

        using var interruption = new Interruption(stderr);
        var run = new ScenarioRun(scenario);
        bool quiet = parse.GetValue(options.Quiet);
        bool showProgress = !quiet && !Console.IsErrorRedirected;
        if (!quiet && !showProgress && scenario.Clock == ClockKind.Real)
        {
            // Without a progress bar, say once that a run has started and how to stop it.
            stderr.WriteLine($"{UserError.Tool}: running {scenario.Name}, about {Units.Duration(ScenarioTheory.For(scenario).ExpectedDuration)} by theory (Ctrl+C stops it and writes partial results)");
        }

        if (!quiet && ProgressLine.LongRunHint(scenario) is { } hint)
        {
            stderr.WriteLine(hint);
        }

        RunResult result = !quiet && !showProgress && scenario.Clock == ClockKind.Real
            ? ProgressDisplay.RunAnnouncingStart(run, stderr, interruption.Token)
            : ProgressDisplay.Run(run, scenario, showProgress, stderr, interruption.Token);
        if (result.Partial && result.Statistics.Sent == 0)
        {
            // Stopped during start-up (e.g. while the loopback servers started): empty charts would report nothing.
            stderr.WriteLine($"{UserError.Tool}: interrupted before the first request was sent; nothing measured, no files written");
            return interruption.ExitCode ?? ExitCodes.Success;
        }

        stdout.Write(ConsoleSummary.Format(result));
        foreach (string line in ResultFiles.Write(result, output))
        {
            stdout.WriteLine(line);
        }

        return interruption.ExitCode ?? ExitCodes.Success;
    }
}
