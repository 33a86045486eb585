using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// The machine-readable result of <c>reproduce</c> (<c>report.json</c>, schema
/// <c>docs/schema/report.schema.json</c>): the same rows as report.md, without the charts.
/// </summary>
public static class ReproductionJsonReport
{
    /// <summary>Version of this document's shape; bumped when a field changes meaning.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Serialises <paramref name="report"/>, stamped with <paramref name="generatedAt"/>.</summary>
    public static string Serialize(ReproductionReport report, string generatedAt)
    {
        var document = new
        {
            SchemaVersion,
            Tool = "concurrency-demo-benchmarks reproduce",
            GeneratedAt = generatedAt,
            Run = report.Options.VirtualOnly ? "virtual-only" : report.Options.Quick ? "quick" : "full",
            Partial = report.Interrupted,
            report.Machine,
            TookMs = report.Took.TotalMilliseconds,
            Experiments = report.Experiments.Select(x => new
            {
                x.Id,
                x.Title,
                x.Commands,
                x.Article,
                x.Ours,
                x.Theory,
                Verdict = VerdictText.Of(x.Verdict),
                x.Why,
                x.Rule,
                TookMs = x.Took.TotalMilliseconds,
            }),
        };
        return JsonSerializer.Serialize(document, s_options) + "\n";
    }
}
