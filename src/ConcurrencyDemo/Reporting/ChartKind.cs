namespace ConcurrencyDemo.Reporting;

/// <summary>The four charts of the original tool.</summary>
public enum ChartKind
{
    /// <summary>Overhead histogram: <c>latency_histogram_{name}.png</c>.</summary>
    Histogram,

    /// <summary>Overhead by percentile: <c>latency_percentiles_{name}.png</c>.</summary>
    Percentiles,

    /// <summary>Overhead p50/p90/p99 over time: <c>latency_timeline_{name}.png</c>.</summary>
    Timeline,

    /// <summary>Successes per second: <c>request_rate_{name}.png</c>.</summary>
    RequestRate,
}
