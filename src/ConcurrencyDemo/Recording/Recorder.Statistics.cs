using HdrHistogram;
using HdrHistogram.Iteration;

namespace ConcurrencyDemo.Recording;

public sealed partial class Recorder
{
    /// <summary>The percentiles of the console summary, as the original tool prints them.</summary>
    public static readonly IReadOnlyList<double> SummaryPercentiles = [0, 50, 90, 95, 99, 99.9, 99.99, 100];

    private const int HistogramBins = 60;

    /// <summary>Computes the statistics of everything recorded so far.</summary>
    /// <param name="requests">Requests in the scenario.</param>
    /// <param name="sent">Requests actually sent.</param>
    public RunStatistics Statistics(long requests, long sent)
    {
        lock (_lock)
        {
            long completed = _successes + _timeouts + _refused + _reset + _otherFailures;
            return new RunStatistics(
                requests,
                sent,
                _successes,
                _timeouts,
                Math.Max(0, sent - completed),
                _lastCompletion,
                _overhead.TotalCount == 0 ? [] : [.. SummaryPercentiles.Select(p => new PercentileValue(p, OverheadMsAt(p)))],
                PercentileCurve(),
                Histogram(),
                RateWindow.Compute(_successesPerSecond, _lastSuccess),
                [.. _successesPerSecond.Select((count, second) => new RatePoint(second, count))],
                (double)_timelineBucketTicks / TimeSpan.TicksPerSecond,
                Timeline())
            {
                Refused = _refused,
                Reset = _reset,
                OtherFailures = _otherFailures,
                EarlyCompletions = _early,
                MaxEarliness = TimeSpan.FromTicks(_maxEarlyTicks),
                MeanResponse = completed == 0 ? null : TimeSpan.FromTicks(_responseTicks / completed),
                AnsweredInWindow = _answeredInWindow,
                LastSuccess = _lastSuccess,
            };
        }
    }

    private double OverheadMsAt(double percentile)
    {
        // HdrHistogram reports bucket bounds; the extremes we know exactly.
        long micros = percentile switch
        {
            <= 0 => _minMicros,
            >= 100 => _maxMicros,
            _ => Math.Clamp(_overhead.GetValueAtPercentile(percentile), _minMicros, _maxMicros),
        };
        return micros / 1000.0;
    }

    private List<PercentileValue> PercentileCurve()
    {
        var points = new List<PercentileValue>();
        if (_overhead.TotalCount == 0)
        {
            return points;
        }

        for (int tenth = 0; tenth <= 990; tenth += 5)
        {
            points.Add(new PercentileValue(tenth / 10.0, OverheadMsAt(tenth / 10.0)));
        }

        foreach (double p in (double[])[99.2, 99.4, 99.6, 99.8, 99.9, 99.95, 99.99, 100])
        {
            points.Add(new PercentileValue(p, OverheadMsAt(p)));
        }

        return points;
    }

    private List<HistogramBin> Histogram()
    {
        var bins = new List<HistogramBin>();
        if (_overhead.TotalCount == 0)
        {
            return bins;
        }

        double fromMs = _minMicros / 1000.0;
        double toMs = _maxMicros / 1000.0;
        double width = Math.Max((toMs - fromMs) / HistogramBins, 0.001);
        long[] counts = new long[HistogramBins];
        foreach (HistogramIterationValue v in _overhead.RecordedValues())
        {
            double ms = Math.Clamp(v.ValueIteratedTo, _minMicros, _maxMicros) / 1000.0;
            int bin = Math.Clamp((int)((ms - fromMs) / width), 0, HistogramBins - 1);
            counts[bin] += v.CountAddedInThisIterationStep;
        }

        for (int i = 0; i < HistogramBins; i++)
        {
            bins.Add(new HistogramBin(fromMs + (i * width), fromMs + ((i + 1) * width), counts[i]));
        }

        return bins;
    }

    private List<TimelinePoint> Timeline()
    {
        var points = new List<TimelinePoint>();
        double bucketSeconds = (double)_timelineBucketTicks / TimeSpan.TicksPerSecond;
        for (int i = 0; i < _timeline.Count; i++)
        {
            LongHistogram? h = _timeline[i];
            if (h is null || h.TotalCount == 0)
            {
                continue;
            }

            // HdrHistogram reports a bucket's upper edge, which can lie above anything recorded.
            (long min, long max) = _timelineExtremes[i];
            double At(double percentile) => Math.Clamp(h.GetValueAtPercentile(percentile), min, max) / 1000.0;
            points.Add(new TimelinePoint(i * bucketSeconds, h.TotalCount, At(50), At(90), At(99)));
        }

        return points;
    }
}
