using System.Text.Json;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Playground;

/// <summary>
/// The JSON documents the playground answers with. Each side's <c>summary</c> is the command line's
/// console summary, character for character, so the page shows exactly what the command prints.
/// </summary>
public static class PlaygroundResponse
{
    // Served as application/json only, never inside HTML: "—" and "'" may stay as they are, readable with curl.
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The finished runs of both modes, their charts and the command that prints the same numbers;
    /// <paramref name="elapsed"/> is how long the request had taken when it began, drawing included.
    /// </summary>
    public static string Results(RunResult sync, RunResult async, string command, Func<TimeSpan> elapsed) =>
        Results(sync, async, PlaygroundCharts.Render(sync, async), command, elapsed, null);

    /// <summary>
    /// As <see cref="Results(RunResult, RunResult, string, Func{TimeSpan})"/> with the charts already drawn and
    /// where the time went: <paramref name="split"/> (simulating, drawing) is sent as <c>simulation_ms</c> and <c>charts_ms</c>.
    /// </summary>
    public static string Results(RunResult sync, RunResult async, IReadOnlyList<(string Key, string Sync, string Async)> charts, string command, Func<TimeSpan> elapsed, (TimeSpan Simulation, TimeSpan Charts)? split)
    {
        ArgumentNullException.ThrowIfNull(elapsed);
        ArgumentNullException.ThrowIfNull(charts);
        return JsonSerializer.Serialize(
            new
            {
                Command = command,
                Clock = sync.Scenario.Clock == ClockKind.Virtual ? "virtual" : "real",
                ElapsedMs = Math.Round(elapsed().TotalMilliseconds, 1),
                SimulationMs = split is { } s1 ? Math.Round(s1.Simulation.TotalMilliseconds, 1) : (double?)null,
                ChartsMs = split is { } s2 ? Math.Round(s2.Charts.TotalMilliseconds, 1) : (double?)null,
                Sides = new[] { Side(sync, charts, c => c.Sync), Side(async, charts, c => c.Async) },
            },
            s_json);
    }

    /// <summary>The problems that stopped a request, each with the field it is about.</summary>
    public static string Problems(IEnumerable<PlaygroundProblem> problems, string command = "") =>
        JsonSerializer.Serialize(new { Problems = problems.Select(p => new { p.Key, p.Message }), Command = command }, s_json);

    /// <summary>The control description.</summary>
    public static string Controls(IReadOnlyList<PlaygroundControl> controls, string startQuery) =>
        JsonSerializer.Serialize(
            new
            {
                Controls = controls.Select(c => new { c.Key, c.Option, c.HelpName, c.Description, Kind = c.Kind.ToString().ToLowerInvariant(), c.Choices, c.Repeatable }),
                Start = startQuery,
            },
            s_json);

    /// <summary>How far a real run has got.</summary>
    public static string Progress(string mode, long sent, long completed, long requests) =>
        JsonSerializer.Serialize(new { Mode = mode, Sent = sent, Completed = completed, Requests = requests }, s_json);

    private static object Side(RunResult result, IReadOnlyList<(string Key, string Sync, string Async)> charts, Func<(string Key, string Sync, string Async), string> pick)
    {
        var s = result.Statistics;
        Scenario scenario = result.Scenario;
        return new
        {
            Mode = scenario.Engine.ToString().ToLowerInvariant(),
            Title = scenario.Engine switch
            {
                EngineKind.Sync => $"sync, {scenario.Threads} threads",
                EngineKind.ThreadPool => ThreadPoolText.Mode(scenario.Pool!),
                _ => "async",
            },
            Summary = ConsoleSummary.Format(result),
            AvgRate = s.Rate.Average,
            StdDev = s.Rate.StdDev,
            Successes = s.Successes,
            Failures = s.Failures,
            P99Ms = s.OverheadMsAt(99),
            TheoryRate = ScenarioTheory.For(scenario).ExpectedSuccessRate,
            result.Partial,
            Charts = charts.ToDictionary(c => c.Key, pick),
        };
    }
}
