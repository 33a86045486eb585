using System.Text.RegularExpressions;
using ConcurrencyDemo.Playground;
using ConcurrencyDemo.Running;

namespace ConcurrencyDemo.Tests.Playground;

/// <summary>The playground's charts are drawn at once, one task per kind: the same drawings as one at a time.</summary>
public sealed partial class PlaygroundChartsTests
{
    [Fact]
    public void Render_DrawingTheKindsAtOnce_GivesTheDrawingsOfEachKindAlone()
    {
        RunResult sync = new ScenarioRun(TestScenarios.Build(1000, 5_000, "20ms*9,30s", threads: 50)).Run(CancellationToken.None);
        RunResult async = new ScenarioRun(TestScenarios.Build(1000, 5_000, "20ms*9,30s")).Run(CancellationToken.None);

        IReadOnlyList<(string Key, string Sync, string Async)> atOnce = PlaygroundCharts.Render(sync, async);
        (string Key, string Sync, string Async)[] oneAtATime = [.. PlaygroundCharts.Kinds.Select(k => PlaygroundCharts.RenderKind(k.Key, k.Kind, sync, async))];

        Assert.Equal(["rate", "timeline", "percentiles"], atOnce.Select(c => c.Key));
        Assert.Equal(oneAtATime.Select(Comparable), atOnce.Select(Comparable));
        Assert.All(atOnce, c => Assert.NotEqual(Comparable(c).Sync, Comparable(c).Async));
    }

    // ScottPlot numbers each SVG clip path from one process-wide counter ("cl_2c"): the numbers, not the drawings, differ from run to run.
    private static (string Key, string Sync, string Async) Comparable((string Key, string Sync, string Async) c) =>
        (c.Key, ClipPathId().Replace(c.Sync, "cl_"), ClipPathId().Replace(c.Async, "cl_"));

    [GeneratedRegex("cl_[0-9a-z]+")]
    private static partial Regex ClipPathId();
}
