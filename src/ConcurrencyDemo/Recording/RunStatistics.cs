namespace ConcurrencyDemo.Recording;

/// <summary>Everything a <see cref="Recorder"/> measured, as plain data.</summary>
/// <param name="Requests">Requests in the scenario.</param>
/// <param name="Sent">Requests actually sent (fewer when a run was interrupted).</param>
/// <param name="Successes">Calls that succeeded.</param>
/// <param name="Timeouts">Calls that failed by reaching the timeout.</param>
/// <param name="Unfinished">Sent but not completed when the run stopped (interrupted runs only).</param>
/// <param name="LastCompletion">Time from the run's start to the last completion.</param>
/// <param name="Percentiles">The summary percentiles: 0, 50, 90, 95, 99, 99.9, 99.99, 100; empty when nothing succeeded.</param>
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
    IReadOnlyList<TimelinePoint> Timeline)
{
    /// <summary>Http transport: calls refused at connect (nothing listening). 0 on the model transport.</summary>
    public long Refused { get; init; }

    /// <summary>Http transport: calls whose connection was reset or closed before a full answer.</summary>
    public long Reset { get; init; }

    /// <summary>Http transport: calls that failed otherwise (e.g. a non-2xx status).</summary>
    public long OtherFailures { get; init; }

    /// <summary>All failed calls: timeouts plus the socket-level failures.</summary>
    public long Failures => Timeouts + Refused + Reset + OtherFailures;

    /// <summary>Successes that came back before their latency had passed (a negative overhead, counted as 0 in the percentiles).</summary>
    public long EarlyCompletions { get; init; }

    /// <summary>
    /// Mean time from each answered request's intended start to its answer (successes and failures); null
    /// when nothing was answered. Without a rate in a closed loop, the intended start is the send: bombardier's mean latency.
    /// </summary>
    public TimeSpan? MeanResponse { get; init; }

    /// <summary>Answers that came back by the recorder's <see cref="Recorder.Window"/>; 0 without one.</summary>
    public long AnsweredInWindow { get; init; }

    /// <summary>How far before its latency the earliest of <see cref="EarlyCompletions"/> came back; zero when none did.</summary>
    public TimeSpan MaxEarliness { get; init; }

    /// <summary>Time from the run's start to the last successful completion (zero when nothing succeeded).</summary>
    public TimeSpan LastSuccess { get; init; }

    /// <summary>
    /// The overhead (ms) at <paramref name="percentile"/> of the summary (one of <see cref="Recorder.SummaryPercentiles"/>),
    /// or null when nothing succeeded, so that no caller mistakes "no data" for a perfect 0 ms.
    /// </summary>
    public double? OverheadMsAt(double percentile)
    {
        foreach (PercentileValue p in Percentiles)
        {
            if (p.Percentile == percentile)
            {
                return p.OverheadMs;
            }
        }

        return null;
    }
}
