namespace ConcurrencyDemo.Locking;

/// <summary>
/// How a run's time is cut up: into timeline buckets (for the chart) and into phases (before and
/// after the slowdown, for the figures). Time past the run's duration belongs to neither.
/// </summary>
internal sealed class RunGeometry
{
    private const int TargetBuckets = 60;

    public RunGeometry(LockingOptions options)
    {
        Duration = options.Duration;
        long widthMs = Math.Max(10, (long)Math.Ceiling(options.Duration.TotalMilliseconds / TargetBuckets));
        BucketWidth = TimeSpan.FromMilliseconds(widthMs);
        BucketCount = (int)Math.Ceiling(options.Duration / BucketWidth);
        Phases = options.SlowdownAt is { } at
            ? [(TimeSpan.Zero, at), (at, options.Duration)]
            : [(TimeSpan.Zero, options.Duration)];
    }

    public TimeSpan Duration { get; }

    public TimeSpan BucketWidth { get; }

    public int BucketCount { get; }

    public IReadOnlyList<(TimeSpan From, TimeSpan To)> Phases { get; }

    /// <summary>The bucket holding <paramref name="t"/>, or -1 outside the run.</summary>
    public int BucketOf(TimeSpan t) =>
        t < TimeSpan.Zero || t >= Duration ? -1 : Math.Min(BucketCount - 1, (int)(t.Ticks / BucketWidth.Ticks));

    /// <summary>The phase holding <paramref name="t"/>, or -1 outside the run.</summary>
    public int PhaseOf(TimeSpan t)
    {
        for (int i = 0; i < Phases.Count; i++)
        {
            if (t >= Phases[i].From && t < Phases[i].To)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Adds the interval [from, to) into per-bucket and per-phase tick totals.</summary>
    public void Spread(TimeSpan from, TimeSpan to, long[] perBucket, long[] perPhase)
    {
        from = from < TimeSpan.Zero ? TimeSpan.Zero : from;
        to = to > Duration ? Duration : to;
        if (to <= from)
        {
            return;
        }

        for (int p = 0; p < Phases.Count; p++)
        {
            perPhase[p] += Overlap(from, to, Phases[p].From, Phases[p].To);
        }

        for (int b = BucketOf(from); b >= 0 && b < BucketCount; b++)
        {
            TimeSpan start = BucketWidth * b;
            if (start >= to)
            {
                break;
            }

            perBucket[b] += Overlap(from, to, start, start + BucketWidth);
        }
    }

    private static long Overlap(TimeSpan a, TimeSpan b, TimeSpan c, TimeSpan d)
    {
        long ticks = (b < d ? b : d).Ticks - (a > c ? a : c).Ticks;
        return Math.Max(0, ticks);
    }
}
