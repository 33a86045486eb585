using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Sweeps;

/// <summary>
/// The machine-readable result of <c>sweep</c> (<c>sweep_{name}.json</c>, schema
/// <c>docs/schema/sweep.schema.json</c>): the baseline scenario and one entry per swept value.
/// </summary>
public static class SweepJsonReport
{
    /// <summary>Version of this document's shape; bumped when a field changes meaning.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The file name beside the sweep's chart.</summary>
    public static string FileName(string name) => $"sweep_{name}.json";

    /// <summary>Serialises <paramref name="sweep"/>.</summary>
    public static string Serialize(SweepResult sweep)
    {
        var document = new
        {
            SchemaVersion,
            Tool = "concurrency-demo-benchmarks sweep",
            Parameter = sweep.Parameter.ToString().ToLowerInvariant(),
            Baseline = new
            {
                sweep.Baseline.Name,
                Mode = sweep.Baseline.Engine.ToString().ToLowerInvariant(),
                Rate = sweep.Baseline.RatePerSecond,
                NumReq = sweep.Baseline.RequestCount,
                Latency = Units.LatencyList(sweep.Baseline),
                TimeoutMs = sweep.Baseline.Timeout.TotalMilliseconds,
                Clock = sweep.Baseline.Clock.ToString().ToLowerInvariant(),
            },
            PerThread = sweep.PerThread is { } c ? new { VirtualBytes = c.VirtualPerUnit, ResidentBytes = c.ResidentPerUnit } : null,
            Points = sweep.Points.Select(p => new
            {
                p.Value,
                p.Label,
                p.Result.Partial,
                Threads = p.Result.Scenario.Threads == 0 ? (int?)null : p.Result.Scenario.Threads,
                AvgRate = p.Result.Statistics.Rate.Average,
                StdDev = p.Result.Statistics.Rate.StdDev,
                Successes = p.Result.Statistics.Successes,
                Timeouts = p.Result.Statistics.Timeouts,
                P99Ms = P99(p.Result.Statistics),
                TheoryRate = p.TheoryRate,
                KeptUp = SweepResult.KeptUp(p),
                p.ResidentBytes,
                p.VirtualBytes,
            }),
        };
        return JsonSerializer.Serialize(document, s_options) + "\n";
    }

    private static double? P99(RunStatistics s) =>
        s.OverheadMsAt(99);
}
