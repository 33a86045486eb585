using System.Diagnostics;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using Spectre.Console;

namespace ConcurrencyDemo.Cli;

/// <summary>Runs a scenario while showing progress on stderr (only on a terminal, and only for runs longer than a moment).</summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan s_rateWindow = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs a scenario without a progress bar (stderr is not a terminal) and says on stderr when its
    /// first request goes out: a log, or a script that must signal the run only once it has started
    /// (the loopback servers of <c>--transport http</c> take seconds to start), can see it.
    /// </summary>
    public static RunResult RunAnnouncingStart(ScenarioRun run, TextWriter stderr, CancellationToken cancellationToken)
    {
        Task<RunResult> work = Task.Factory.StartNew(() => run.Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        while (!work.Wait(10, CancellationToken.None))
        {
            if (run.Sent > 0)
            {
                stderr.WriteLine($"{UserError.Tool}: the load started");
                break;
            }
        }

        return work.Result;
    }

    public static RunResult Run(ScenarioRun run, Scenario scenario, bool enabled, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!enabled || !ProgressLine.WorthShowing(scenario))
        {
            return run.Run(cancellationToken);
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        RunResult? result = null;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new ProgressBarColumn { Width = 12 }, new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .Start(context =>
            {
                // A closed loop's --duration ends it by time, not by count: the bar follows the clock then.
                TimeSpan? window = scenario.Duration;
                ProgressTask task = context.AddTask("starting", maxValue: window?.TotalMilliseconds ?? scenario.RequestCount);
                long start = Stopwatch.GetTimestamp();
                // Successes over the last second, from samples of the completed and failed counts.
                var samples = new Queue<(TimeSpan At, long Successes)>();
                Task<RunResult> work = Task.Factory.StartNew(() => run.Run(cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                while (!work.Wait(200, CancellationToken.None))
                {
                    TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
                    long completed = run.Completed;
                    long failed = run.Failed;
                    samples.Enqueue((elapsed, completed - failed));
                    while (samples.Count > 1 && elapsed - samples.Peek().At > s_rateWindow)
                    {
                        samples.Dequeue();
                    }

                    (TimeSpan at, long successes) = samples.Peek();
                    double seconds = (elapsed - at).TotalSeconds;
                    double rate = seconds > 0 ? (completed - failed - successes) / seconds : 0;
                    task.Value = window is null ? completed : Math.Min(elapsed.TotalMilliseconds, window.Value.TotalMilliseconds);
                    task.Description = Markup.Escape(ProgressLine.Format(
                        run.Sent, completed, failed, window is null ? scenario.RequestCount : null, rate, scenario.RatePerSecond, elapsed, ProgressLine.Remaining(scenario, elapsed)));
                    context.Refresh();
                }

                result = work.Result;
            });
        return result!;
    }
}
