namespace ConcurrencyDemo.Recording;

/// <summary>
/// When a run's goodput (successes per second) came back after a disturbance: the first whole second
/// from which every second to the end of the load had at least a share of the expected successes.
/// </summary>
public static class GoodputRecovery
{
    /// <summary>The share of the expected successes per second that counts as recovered.</summary>
    public const double RecoveredShare = 0.9;

    /// <summary>
    /// How long after <paramref name="disturbanceEnd"/> the goodput was back to <see cref="RecoveredShare"/>
    /// of <paramref name="expectedPerSecond"/> and stayed there through the last whole second before
    /// <paramref name="loadEnd"/>; null when it did not recover within the run.
    /// </summary>
    public static TimeSpan? After(RunStatistics statistics, double expectedPerSecond, TimeSpan disturbanceEnd, TimeSpan loadEnd)
    {
        long first = (long)Math.Ceiling(disturbanceEnd.TotalSeconds);
        long last = (long)Math.Floor(loadEnd.TotalSeconds) - 1; // the last whole second of load
        if (last < first)
        {
            return null;
        }

        var successes = new Dictionary<long, long>();
        foreach (RatePoint point in statistics.RatePerSecond)
        {
            successes[point.Second] = point.Successes;
        }

        long recoveredFrom = -1;
        for (long second = last; second >= first; second--)
        {
            if (successes.GetValueOrDefault(second) < RecoveredShare * expectedPerSecond)
            {
                break;
            }

            recoveredFrom = second;
        }

        return recoveredFrom < 0 ? null : TimeSpan.FromSeconds(recoveredFrom) - disturbanceEnd;
    }
}
