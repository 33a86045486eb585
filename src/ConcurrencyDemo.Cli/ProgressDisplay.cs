using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using Spectre.Console;

namespace ConcurrencyDemo.Cli;

/// <summary>Runs a scenario while showing progress on stderr (only on a terminal, and only for runs longer than a moment).</summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan s_showAbove = TimeSpan.FromSeconds(2);

    public static RunResult Run(ScenarioRun run, Scenario scenario, bool enabled, TextWriter stderr, CancellationToken cancellationToken)
    {
        bool worthShowing = scenario.Clock == ClockKind.Real && scenario.LoadDuration > s_showAbove;
        if (!enabled || !worthShowing)
        {
            return run.Run(cancellationToken);
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        RunResult? result = null;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask sending = context.AddTask("sending", maxValue: scenario.RequestCount);
                ProgressTask completing = context.AddTask("completed", maxValue: scenario.RequestCount);
                Task<RunResult> work = Task.Factory.StartNew(() => run.Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                while (!work.Wait(200, CancellationToken.None))
                {
                    sending.Value = run.Sent;
                    completing.Value = run.Completed;
                    completing.Description = run.Failed > 0 ? $"completed ({run.Failed} timed out)" : "completed";
                    context.Refresh();
                }

                result = work.Result;
            });
        return result!;
    }
}
