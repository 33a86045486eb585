namespace ConcurrencyDemo.Recording;

/// <summary>Everything a <see cref="Recorder"/> measured, as plain data.</summary>
/// <param name="Requests">Requests in the scenario.</param>
/// <param name="Sent">Requests actually sent (fewer when a run was interrupted).</param>
/// <param name="Successes">Calls that succeeded.</param>
/// <param name="Timeouts">Calls that failed by reaching the timeout.</param>
/// <param name="Unfinished">Sent but not completed when the run stopped (interrupted runs only).</param>
/// <param name="LastCompletion">Time from the run's start to the last completion.</param>
/// <param name="Percentiles">The summary percentiles: 0, 50, 90, 95, 99, 99.9, 99.99, 100.</param>
/// <param name="PercentileCurve">A fine percentile curve for the chart.</param>
/// <param name="Histogram">Overhead histogram for the chart.</param>
/// <param name="Rate">The effective rate.</param>
/// <param name="RatePerSecond">Successes per whole second of completion time.</param>
/// <param name="TimelineBucketSeconds">Width of a timeline bucket in seconds (1 unless the run is very long).</param>
/// <param name="Timeline">Overhead percentiles by intended start time.</param>
public sealed record RunStatistics(
    long Requests,
    long Sent,
    long Successes,
    long Timeouts,
    long Unfinished,
    TimeSpan LastCompletion,
    IReadOnlyList<PercentileValue> Percentiles,
    IReadOnlyList<PercentileValue> PercentileCurve,
    IReadOnlyList<HistogramBin> Histogram,
    RateSummary Rate,
    IReadOnlyList<RatePoint> RatePerSecond,
    double TimelineBucketSeconds,
    IReadOnlyList<TimelinePoint> Timeline);
