namespace ConcurrencyDemo.Recording;

/// <summary>
/// Computes the effective rate the way the article's tool does, and defines it for short runs.
/// </summary>
/// <remarks>
/// Successes are counted per whole second of completion time since the run's start. The first and
/// last seconds are partial (the first has no completions until one latency has passed, the last
/// ends when the last request does), so they are left out and the mean and standard deviation are
/// taken over the seconds between. A run whose completions span fewer than three seconds has no
/// such seconds; the original tool prints NaN there. We instead report successes divided by the
/// time from the start to the last completion, with a standard deviation of 0, and flag it.
/// </remarks>
public static class RateWindow
{
    /// <summary>Summarises <paramref name="successesPerSecond"/> (index = second since start).</summary>
    public static RateSummary Compute(IReadOnlyList<long> successesPerSecond, TimeSpan lastCompletion)
    {
        long total = 0;
        foreach (long c in successesPerSecond)
        {
            total += c;
        }

        if (successesPerSecond.Count >= 3)
        {
            int first = 1;
            int last = successesPerSecond.Count - 2;
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

        double seconds = lastCompletion.TotalSeconds;
        double average = seconds > 0 ? total / seconds : 0;
        return new RateSummary(average, 0, 0, Math.Max(0, successesPerSecond.Count - 1), WholeRun: true);
    }
}
