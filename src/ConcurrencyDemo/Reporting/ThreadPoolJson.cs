using ConcurrencyDemo.Running;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Reporting;

/// <summary>The <c>thread_pool</c> object of a threadpool run's JSON; null for other modes.</summary>
internal static class ThreadPoolJson
{
    public static object? For(RunResult result)
    {
        if (result.Pool is not { } pool)
        {
            return null;
        }

        ThreadPoolTheory theory = ThreadPoolTheory.For(result.Scenario);
        return new
        {
            Source = result.Scenario.Clock == Scenarios.ClockKind.Virtual ? "model" : "measured",
            pool.PeakThreads,
            KeptUpAtMs = pool.KeptUpAt?.TotalMilliseconds,
            Samples = pool.Samples.Select(s => new { AtMs = s.At.TotalMilliseconds, s.Threads, s.Queued, s.Completed }),
            Theory = new
            {
                theory.ThreadsNeeded,
                RampTimeMs = theory.RampTime?.TotalMilliseconds,
                Backlog = double.IsPositiveInfinity(theory.Backlog) ? (double?)null : theory.Backlog,
                theory.Spiral,
            },
        };
    }
}
