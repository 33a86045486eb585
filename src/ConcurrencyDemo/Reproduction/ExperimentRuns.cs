using System.Globalization;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Reproduction;

/// <summary>Runs and figures the experiments share.</summary>
internal static class ExperimentRuns
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Scenario Build(string name, double rate, long n, string latency, int threads, ClockKind clock) => new ScenarioBuilder
    {
        Name = name,
        Rate = rate.ToString(Inv),
        RequestCount = n.ToString(Inv),
        Latency = latency,
        Engine = threads > 0 ? EngineKind.Sync : EngineKind.Async,
        Threads = threads > 0 ? threads.ToString(Inv) : null,
        Clock = clock,
    }.Build();

    public static RunResult Run(Scenario scenario, CancellationToken cancellationToken) => new ScenarioRun(scenario).Run(cancellationToken);

    public static (RunResult Sync, RunResult Async) RunPair(string id, double rate, long n, string latency, int threads, ClockKind clock, CancellationToken cancellationToken)
    {
        string suffix = clock == ClockKind.Virtual ? "_virtual" : "";
        RunResult sync = Run(Build($"{id}_sync{suffix}", rate, n, latency, threads, clock), cancellationToken);
        RunResult async = Run(Build($"{id}_async{suffix}", rate, n, latency, 0, clock), cancellationToken);
        return (sync, async);
    }

    /// <summary>Whether <paramref name="ours"/> is within <paramref name="tolerance"/> (a fraction) of <paramref name="article"/>.</summary>
    public static bool Close(double ours, double article, double tolerance) =>
        Math.Abs(ours - article) <= tolerance * Math.Max(Math.Abs(article), 1);

    public static string RateText(RunResult r) => string.Create(Inv, $"{r.Statistics.Rate.Average:0.000} / {r.Statistics.Rate.StdDev:0.000}");

    /// <summary>The overhead (ms) at a summary percentile as text; "none" when nothing succeeded, never a perfect 0.</summary>
    public static string OverheadText(RunResult r, double percentile, string format = "0.###") =>
        r.Statistics.OverheadMsAt(percentile) is { } ms ? ms.ToString(format, Inv) : "none (no successes)";

    public static string Clock(ClockKind clock) => clock == ClockKind.Virtual ? "virtual clock" : "real clock";
}
