using System.Diagnostics;
using System.Globalization;
using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// Re-measures the article's experiments E1–E9 (DESIGN.md §3) and sets each beside the article's figure
/// and the theory. Memory probes and benchmark results come from the caller, because measuring memory
/// needs fresh processes and finding files is the tool's business, not the library's.
/// </summary>
public sealed class ArticleReproduction(
    ReproductionOptions options,
    Func<IReadOnlyList<int>, IReadOnlyList<int>, MemoryReport> measureMemory,
    Func<MicroBenchmarkTable?> microBenchmarks,
    Action<string, string> progress)
{
    /// <summary>The command that produces E9's results.</summary>
    public const string MicroBenchmarkCommand = E9MicroBenchmarks.MicroBenchmarkCommand;

    // Every experiment of the assembly, in the report's order (E1, E2, … E10, E11).
    private static readonly IReadOnlyList<IExperiment> s_experiments = typeof(IExperiment).Assembly.GetTypes()
        .Where(t => typeof(IExperiment).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IExperiment)Activator.CreateInstance(t)!)
        .OrderBy(e => int.Parse(e.Id.AsSpan(1), CultureInfo.InvariantCulture))
        .ToList();

    /// <summary>Runs everything and returns the results in E1…E9 order.</summary>
    public ReproductionReport Run(string machine, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var results = new Dictionary<string, ExperimentResult>();

        // An interrupted experiment leaves partial results that must not pass for the article's
        // figures: it and every experiment after it are reported as not run, and the report says so.
        bool interrupted = false;
        void Add(string id, string what, Func<ExperimentResult> run)
        {
            if (!interrupted)
            {
                try
                {
                    RunExperiment(results, id, what, run, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }

                interrupted = cancellationToken.IsCancellationRequested;
            }

            if (interrupted)
            {
                results[id] = new ExperimentResult(id, what, [], "", "", "", Verdict.NotRun,
                    "interrupted with Ctrl+C before it finished; run reproduce again for this figure", [], [], TimeSpan.Zero);
            }
        }

        var context = new ExperimentContext(options, measureMemory, microBenchmarks);
        foreach (IExperiment experiment in s_experiments)
        {
            Add(experiment.Id, experiment.What, () => experiment.Run(context, cancellationToken));
        }

        return new ReproductionReport(options, machine, s_experiments.Select(e => results[e.Id]).ToList(), Stopwatch.GetElapsedTime(start), interrupted);
    }
    private void RunExperiment(Dictionary<string, ExperimentResult> results, string id, string what, Func<ExperimentResult> run, CancellationToken cancellationToken)
    {
        progress(id, $"{what} …");
        long start = Stopwatch.GetTimestamp();
        ExperimentResult result = run() with { Took = Stopwatch.GetElapsedTime(start) };
        if (cancellationToken.IsCancellationRequested)
        {
            progress(id, "interrupted: not run");
            return;
        }

        results[id] = result;
        progress(id, $"{VerdictText.Of(result.Verdict)} ({result.Took.TotalSeconds:0.0} s)");
    }
}
