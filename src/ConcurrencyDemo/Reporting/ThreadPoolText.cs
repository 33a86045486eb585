using System.Globalization;
using System.Text;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Reporting;

/// <summary>The summary lines of a threadpool run: the pool over time, and its theory.</summary>
public static class ThreadPoolText
{
    /// <summary>The mode in a few words, e.g. "threadpool (block result, min 2, max 32767)".</summary>
    public static string Mode(ThreadPoolSettings pool) =>
        $"threadpool (block {pool.Block.ToString().ToLowerInvariant()}, min {pool.MinThreads}, max {pool.MaxThreads})";

    /// <summary>The lines for <paramref name="result"/>; empty for other modes.</summary>
    public static string Format(RunResult result)
    {
        if (result.Pool is not ThreadPoolTimeline pool || result.Scenario.Pool is not ThreadPoolSettings settings)
        {
            return "";
        }

        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        string source = result.Scenario.Clock == ClockKind.Virtual ? "modelled" : "measured";
        string keptUp = pool.KeptUpAt is TimeSpan at ? $"kept up from {Units.Duration(at)}" : "never kept up during the load";
        text.AppendLine(inv, $"ThreadPool ({source}): peak {pool.PeakThreads} threads, {keptUp} (queue ≤ a tenth of a second's arrivals to the end of the load)");
        text.AppendLine("  second  threads   queued  completed");
        foreach (ThreadPoolSample s in Thin(pool.Samples, 12))
        {
            text.AppendLine(inv, $"  {s.At.TotalSeconds,6:0.#}  {s.Threads,7}  {s.Queued,7}  {s.Completed,9}");
        }

        ThreadPoolTheory theory = ThreadPoolTheory.For(result.Scenario);
        string ramp = theory.RampTime is TimeSpan r
            ? string.Create(inv, $"injection takes about {Units.Duration(r)} to get there from min {settings.MinThreads} ({(settings.Block == BlockKind.Result ? "blocking-aware: cores at once, then 25–250 ms per thread" : "starvation detection: one per second")}), while about {theory.Backlog:0} requests pile up")
            : $"more than --max-threads {settings.MaxThreads}: it never keeps up";
        text.AppendLine(inv, $"Theory (pool): needs {theory.ThreadsNeeded} threads (rate × mean hold); {ramp}");
        if (theory.Spiral)
        {
            text.AppendLine(settings.Block == BlockKind.Poll
                ? "  polling with a backlog: each completion waits behind the requests queued before it, and the pollers' sleeps are unseen, so the pool needs a thread per queued request, added about one a second (starvation detection): a spiral that ends with the load"
                : "  sync over async with a backlog: each completion waits behind the requests queued before it, so the pool needs a thread per queued request, added at most 4 a second (MaxDelayMs 250): a spiral that ends with the load");
        }
        return text.ToString();
    }

    /// <summary>At most about <paramref name="most"/> samples, evenly spaced, always the first and last.</summary>
    private static IEnumerable<ThreadPoolSample> Thin(IReadOnlyList<ThreadPoolSample> samples, int most)
    {
        int every = Math.Max(1, (int)Math.Ceiling(samples.Count / (double)most));
        for (int i = 0; i < samples.Count; i++)
        {
            if (i % every == 0 || i == samples.Count - 1)
            {
                yield return samples[i];
            }
        }
    }
}
