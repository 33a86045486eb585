using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Reproduction;

namespace ConcurrencyDemo.Tests.Reproduction;

public sealed class InterruptedReproductionTests
{
    [Fact]
    public void Run_Cancelled_ReportsEveryExperimentNotRunAndMarksThePartialReport()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var progress = new List<string>();
        var reproduction = new ArticleReproduction(
            new ReproductionOptions(Quick: true, VirtualOnly: true),
            (_, _) => throw new InvalidOperationException("memory is not measured once interrupted"),
            () => null,
            (id, message) => progress.Add($"{id} {message}"));

        ReproductionReport report = reproduction.Run("test machine", cancel.Token);

        Assert.True(report.Interrupted);
        // Every experiment the library has (E1–E9, E12, …), each reported as not run.
        int experiments = typeof(IExperiment).Assembly.GetTypes().Count(t => typeof(IExperiment).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false });
        Assert.True(experiments >= 10, $"{experiments} experiments found");
        Assert.Equal(experiments, report.Experiments.Count);
        Assert.All(report.Experiments, e => Assert.Equal(Verdict.NotRun, e.Verdict));
        Assert.Contains("E1 interrupted: not run", progress);
        Assert.DoesNotContain(progress, p => p.Contains("matches", StringComparison.Ordinal));
        Assert.Contains("PARTIAL", MarkdownReport.Render(report, "now"), StringComparison.Ordinal);
        Assert.Contains("PARTIAL", HtmlReport.Render(report, "now"), StringComparison.Ordinal);
    }
}
