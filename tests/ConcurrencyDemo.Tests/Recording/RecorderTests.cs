using ConcurrencyDemo.Recording;

namespace ConcurrencyDemo.Tests.Recording;

public sealed class RecorderTests
{
    private static readonly TimeSpan s_latency = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Statistics_OverheadIsCompletionMinusIntendedStartMinusLatency()
    {
        var recorder = new Recorder(TimeSpan.FromSeconds(1));
        // Overheads 1..100 ms, one request each.
        for (int i = 1; i <= 100; i++)
        {
            TimeSpan start = TimeSpan.FromMilliseconds(i);
            recorder.RecordSuccess(start, start + s_latency + TimeSpan.FromMilliseconds(i), s_latency);
        }

        RunStatistics s = recorder.Statistics(100, 100);

        Assert.Equal(1.0, s.Percentiles[0].OverheadMs, 3);      // p0 is the exact minimum
        Assert.Equal(50.0, s.Percentiles[1].OverheadMs, 0.1);   // p50 within HdrHistogram's 3 digits
        Assert.Equal(90.0, s.Percentiles[2].OverheadMs, 0.1);
        Assert.Equal(99.0, s.Percentiles[4].OverheadMs, 0.1);
        Assert.Equal(100.0, s.Percentiles[^1].OverheadMs, 3);   // p100 is the exact maximum
        Assert.Equal(100, s.Successes);
        Assert.Equal(100, s.Histogram.Sum(b => b.Count));
    }

    [Fact]
    public void Statistics_CountsSuccessesPerCompletionSecond_AndTimeoutsSeparately()
    {
        var recorder = new Recorder(TimeSpan.FromSeconds(3));
        recorder.RecordSuccess(TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.Zero);
        recorder.RecordSuccess(TimeSpan.Zero, TimeSpan.FromSeconds(2.5), TimeSpan.Zero);
        recorder.RecordSuccess(TimeSpan.Zero, TimeSpan.FromSeconds(2.7), TimeSpan.Zero);
        recorder.RecordTimeout(TimeSpan.Zero, TimeSpan.FromSeconds(3.1));

        RunStatistics s = recorder.Statistics(5, 5);

        Assert.Equal([1L, 0L, 2L], s.RatePerSecond.Select(r => r.Successes));
        Assert.Equal(3, s.Successes);
        Assert.Equal(1, s.Timeouts);
        Assert.Equal(1, s.Unfinished); // 5 sent, 4 completed
        Assert.Equal(TimeSpan.FromSeconds(3.1), s.LastCompletion);
    }

    [Fact]
    public void Statistics_TimelineGroupsByIntendedStartSecond()
    {
        var recorder = new Recorder(TimeSpan.FromSeconds(2));
        for (int i = 0; i < 100; i++)
        {
            recorder.RecordSuccess(TimeSpan.FromMilliseconds(i), TimeSpan.FromMilliseconds(i + 1), TimeSpan.Zero);       // 1 ms in second 0
            recorder.RecordSuccess(TimeSpan.FromMilliseconds(1000 + i), TimeSpan.FromMilliseconds(1500 + i), TimeSpan.Zero); // 500 ms in second 1
        }

        RunStatistics s = recorder.Statistics(200, 200);

        Assert.Equal(2, s.Timeline.Count);
        Assert.Equal(1.0, s.Timeline[0].P99Ms, 0.05);
        Assert.Equal(500.0, s.Timeline[1].P50Ms, 5.0);
        Assert.Equal(1.0, s.TimelineBucketSeconds);
    }

    [Fact]
    public void Recorder_VeryLongRun_WidensTimelineBuckets()
    {
        var recorder = new Recorder(TimeSpan.FromHours(10));
        recorder.RecordSuccess(TimeSpan.FromHours(9), TimeSpan.FromHours(9), TimeSpan.Zero);

        RunStatistics s = recorder.Statistics(1, 1);

        Assert.True(s.TimelineBucketSeconds >= 60);
        Assert.True(36_000 / s.TimelineBucketSeconds <= Recorder.MaxTimelineBuckets);
    }

    [Fact]
    public void RecordSuccess_EarlyTimer_NeverNegative()
    {
        var recorder = new Recorder(TimeSpan.FromSeconds(1));
        recorder.RecordSuccess(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(29.5), s_latency);

        Assert.Equal(0, recorder.Statistics(1, 1).Percentiles[0].OverheadMs);
    }
}
