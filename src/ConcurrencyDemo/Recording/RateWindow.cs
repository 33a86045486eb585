namespace ConcurrencyDemo.Recording;

/// <summary>
/// Computes the effective rate the way the article's tool does, and defines it for short runs.
/// </summary>
/// <remarks>
/// Successes are counted per whole second of completion time since the run's start. The window runs
/// over the seconds that hold successes, from the first such second to the last (as the original
/// derives its window from the first and last completion second); those two are partial (the first
/// starts only when the first call returns, the last ends with the last one), so they are left out
/// and the mean and standard deviation are taken over the seconds between, empty ones included.
/// When fewer than three seconds hold successes there are no whole seconds; the original prints NaN
/// there. We instead report successes divided by the time from the start to the last success (never
/// to a later timeout, which ends no success), with a standard deviation of 0, and flag it.
/// </remarks>
public static class RateWindow
{
    /// <summary>Summarises <paramref name="successesPerSecond"/> (index = second since start).</summary>
    /// <param name="successesPerSecond">Successes per whole second of completion time.</param>
    /// <param name="lastSuccess">When the last successful call completed, since the start.</param>
    public static RateSummary Compute(IReadOnlyList<long> successesPerSecond, TimeSpan lastSuccess)
    {
        int firstHeld = -1, lastHeld = -1;
        long total = 0;
        for (int s = 0; s < successesPerSecond.Count; s++)
        {
            if (successesPerSecond[s] > 0)
            {
                firstHeld = firstHeld < 0 ? s : firstHeld;
                lastHeld = s;
                total += successesPerSecond[s];
            }
        }

        if (firstHeld >= 0 && lastHeld - firstHeld >= 2)
        {
            int first = firstHeld + 1;
            int last = lastHeld - 1;
            int n = last - first + 1;
            double sum = 0;
            for (int s = first; s <= last; s++)
            {
                sum += successesPerSecond[s];
            }

            double mean = sum / n;
            double squares = 0;
            for (int s = first; s <= last; s++)
            {
                double d = successesPerSecond[s] - mean;
                squares += d * d;
            }

            return new RateSummary(mean, Math.Sqrt(squares / n), first, last, WholeRun: false);
        }

        double seconds = lastSuccess.TotalSeconds;
        double average = seconds > 0 ? total / seconds : 0;
        return new RateSummary(average, 0, Math.Max(0, firstHeld), Math.Max(0, lastHeld), WholeRun: true);
    }
}
