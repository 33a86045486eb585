using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConcurrencyDemo.Locking;

/// <summary>The machine-readable result of a locking run (<c>{name}.json</c>), every mode in one document. Durations in ms.</summary>
public static class LockingJsonReport
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(IReadOnlyList<LockingResult> results)
    {
        LockingOptions? o = results.Count > 0 ? results[0].Options : null;
        var document = new
        {
            SchemaVersion,
            Tool = "concurrency-demo-benchmarks locking",
            Options = o is null ? null : new
            {
                o.Workers,
                DurationMs = o.Duration.TotalMilliseconds,
                WorkPerEventMs = o.WorkPerEvent.TotalMilliseconds,
                WriteLatencyMs = o.WriteLatency.TotalMilliseconds,
                SlowdownAtMs = o.SlowdownAt?.TotalMilliseconds,
                SlowdownLatencyMs = o.SlowdownLatency.TotalMilliseconds,
                o.QueueCapacity,
            },
            Modes = results.Select(r => new
            {
                Mode = r.Mode.ToString().ToLowerInvariant(),
                r.Partial,
                r.HandedOff,
                r.Written,
                r.MaxQueueDepth,
                r.Backlog,
                BacklogDrainMs = r.BacklogDrainTime.TotalMilliseconds,
                r.Phases,
                r.BucketSeconds,
                r.Timeline,
            }),
        };
        return JsonSerializer.Serialize(document, s_options);
    }
}
