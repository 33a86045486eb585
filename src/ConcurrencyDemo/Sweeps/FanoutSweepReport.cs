using System.Globalization;
using System.Text;
using System.Text.Json;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Sweeps;

/// <summary>The fan-out sweep as text (a table, measured beside closed form) and as JSON (<c>fanout_sweep_{name}.json</c>).</summary>
public static class FanoutSweepReport
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The JSON file name beside the chart.</summary>
    public static string FileName(string name) => $"fanout_sweep_{name}.json";

    /// <summary>One line per point: p, K, requests, simulated share, closed form.</summary>
    public static string Format(IReadOnlyList<FanoutSweepPoint> points)
    {
        var text = new StringBuilder();
        CultureInfo inv = CultureInfo.InvariantCulture;
        bool hedged = points.Count > 0 && points[0].HedgeAfter is not null;
        text.AppendLine(hedged
            ? "Share of slow requests (waited for a call whose hedge was slow too) — simulated vs 1 − (1 − p²)^K:"
            : "Share of slow requests (waited for at least one slow call) — simulated vs 1 − (1 − p)^K:");
        text.AppendLine("       p       K   requests   simulated   closed form");
        foreach (FanoutSweepPoint p in points)
        {
            string measured = p.MeasuredShare is { } m ? (m * 100).ToString("0.00", inv) + "%" : "—";
            text.AppendLine(string.Create(inv, $"{(p.SlowProbability * 100).ToString("0.####", inv) + "%",8} {p.Fanout,7} {p.Result?.Statistics.Sent ?? 0,10} {measured,11} {(p.ClosedForm * 100).ToString("0.00", inv) + "%",13}"));
        }

        return text.ToString();
    }

    /// <summary>The points as JSON.</summary>
    public static string Serialize(IReadOnlyList<FanoutSweepPoint> points)
    {
        var document = new
        {
            SchemaVersion = 1,
            Tool = "concurrency-demo-benchmarks sweep --parameter fanout",
            Points = points.Select(p => new
            {
                p.SlowProbability,
                p.Fanout,
                Latency = p.Result is { } r ? Units.LatencyList(r.Scenario) : Units.LatencyList(p.Scenario),
                Requests = p.Result?.Statistics.Sent,
                SlowRequests = p.Result?.Statistics.Timeouts,
                SimulatedShare = p.MeasuredShare,
                ClosedFormShare = p.ClosedForm,
                Partial = p.Result?.Partial,
            }),
        };
        return JsonSerializer.Serialize(document, s_options) + "\n";
    }
}
