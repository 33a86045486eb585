using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Memory;

/// <summary>
/// The machine-readable result of <c>memory</c> (<c>memory.json</c>, schema
/// <c>docs/schema/memory.schema.json</c>): every sample and its cost per thread or pending request, in bytes.
/// </summary>
public static class MemoryJsonReport
{
    /// <summary>Version of this document's shape; bumped when a field changes meaning.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Serialises <paramref name="report"/>.</summary>
    public static string Serialize(MemoryReport report)
    {
        var document = new
        {
            SchemaVersion,
            Tool = "concurrency-demo-benchmarks memory",
            report.StackLimitBytes,
            Threads = new { Baseline = Sample(report.ThreadBaseline), Samples = report.Threads.Select(Cost) },
            PendingAsync = new { Baseline = Sample(report.AsyncBaseline), Samples = report.Pending.Select(Cost) },
        };
        return JsonSerializer.Serialize(document, s_options) + "\n";
    }

    private static object Sample(MemorySample s) => new
    {
        s.Count,
        s.VirtualBytes,
        s.ResidentBytes,
        s.PeakResidentBytes,
        s.Threads,
    };

    private static object Cost(MemoryCost c) => new
    {
        c.Sample.Count,
        c.Sample.VirtualBytes,
        c.Sample.ResidentBytes,
        c.Sample.PeakResidentBytes,
        c.Sample.Threads,
        VirtualBytesPerUnit = c.VirtualPerUnit,
        ResidentBytesPerUnit = c.ResidentPerUnit,
    };
}
