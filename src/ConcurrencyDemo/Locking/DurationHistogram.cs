using HdrHistogram;

namespace ConcurrencyDemo.Locking;

/// <summary>An HdrHistogram of durations in nanoseconds (hand-offs can take well under a microsecond). Not thread-safe.</summary>
internal sealed class DurationHistogram
{
    private static readonly long s_highestNanos = (long)TimeSpan.FromMinutes(15).TotalNanoseconds;

    private readonly LongHistogram _nanos = new(1, s_highestNanos, 3);

    public long Count => _nanos.TotalCount;

    public void Record(TimeSpan duration) =>
        _nanos.RecordValue(Math.Clamp((long)duration.TotalNanoseconds, 1, s_highestNanos));

    public void Add(DurationHistogram other) => _nanos.Add(other._nanos);

    /// <summary>The percentile (0..100), or null when nothing was recorded.</summary>
    public TimeSpan? Percentile(double percentile) =>
        _nanos.TotalCount == 0 ? null : TimeSpan.FromTicks(_nanos.GetValueAtPercentile(percentile) / 100);
}
