using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Recording;

/// <summary>The pool's thread count, queue and completions once a second through a threadpool run, and what follows from them.</summary>
/// <param name="Samples">One sample per second from the run's zero (the first at 0), and one at the end.</param>
/// <param name="KeptUpAt">
/// The first sample from which, to the first sample at or after the end of the load, no more than a
/// tenth of a second's arrivals waited in the queue; null when the queue then still held more.
/// </param>
/// <param name="PeakThreads">The most worker threads any sample saw.</param>
public sealed record ThreadPoolTimeline(IReadOnlyList<ThreadPoolSample> Samples, TimeSpan? KeptUpAt, int PeakThreads)
{
    /// <summary>Derives <see cref="KeptUpAt"/> and <see cref="PeakThreads"/> from <paramref name="samples"/> of a run of <paramref name="scenario"/>.</summary>
    public static ThreadPoolTimeline From(IReadOnlyList<ThreadPoolSample> samples, Scenario scenario)
    {
        // A tenth of a second of arrivals may wait: at a sample's instant a few items are always on their way to a thread.
        // A closed loop never has more than its connections waiting: then a tenth of them (or of the rate, if lower).
        double offered = scenario.Arrivals == ArrivalPattern.Closed ? Math.Min(scenario.RatePerSecond, scenario.Connections) : scenario.RatePerSecond;
        double allowed = Math.Max(1, offered / 10);
        TimeSpan loadEnd = scenario.LoadDuration;
        TimeSpan? keptUp = null;
        // Up to the first sample at or after the load's end: a load shorter than a second is judged by the queue it left.
        foreach (ThreadPoolSample sample in samples)
        {
            if (sample.Queued > allowed)
            {
                keptUp = null;
            }
            else
            {
                keptUp ??= sample.At;
            }

            if (sample.At >= loadEnd)
            {
                break;
            }
        }

        int peak = samples.Count == 0 ? 0 : samples.Max(s => s.Threads);
        return new ThreadPoolTimeline(samples, keptUp, peak);
    }
}
