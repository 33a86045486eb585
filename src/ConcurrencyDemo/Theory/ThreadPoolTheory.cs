using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Theory;

/// <summary>
/// What a threadpool run needs and how long the runtime's injection takes to provide it (see
/// <see cref="DotnetThreadPoolPolicy"/> for the policy and its source).
/// </summary>
/// <param name="ThreadsNeeded">Little's law: ⌈rate × mean hold⌉ threads busy at once in the steady state.</param>
/// <param name="RampTime">How long injection takes from the minimum to <see cref="ThreadsNeeded"/> (zero when the minimum suffices); null when the maximum is below what is needed.</param>
/// <param name="Backlog">Requests that pile up meanwhile: the sum over the ramp of (rate − threads / mean hold) × time.</param>
/// <param name="Spiral">
/// <see cref="BlockKind.Result"/> or <see cref="BlockKind.Poll"/> with a backlog: each finished call's
/// completion is queued behind the requests that came before it, so a blocked thread is freed only after
/// those requests have taken threads of their own. The pool then needs about a thread per queued
/// request, and adds them at most one per MaxDelayMs (4 a second) for result, one a second for poll:
/// it catches up only once the load ends.
/// </param>
/// <remarks>
/// For <see cref="BlockKind.Sleep"/> and <see cref="BlockKind.Poll"/> starvation detection adds one thread per two gate periods (1 s)
/// while work waits: the thread it adds starts dispatching, which holds off the next period's check.
/// Hill climbing, which can add threads faster, is left out (PortableThreadPool.HillClimbing.cs).
/// </remarks>
public sealed record ThreadPoolTheory(int ThreadsNeeded, TimeSpan? RampTime, double Backlog, bool Spiral = false)
{
    /// <summary>Computes the ramp for <paramref name="scenario"/>, a threadpool scenario.</summary>
    public static ThreadPoolTheory For(Scenario scenario)
    {
        ThreadPoolSettings pool = scenario.Pool ?? throw new ArgumentException("not a threadpool scenario", nameof(scenario));
        double hold = ScenarioTheory.For(scenario).MeanHold.TotalSeconds;
        // A closed loop offers at most its connections' worth: N requests in flight, N / hold per second.
        double rate = scenario.Arrivals == ArrivalPattern.Closed && hold > 0 ? Math.Min(scenario.RatePerSecond, scenario.Connections / hold) : scenario.RatePerSecond;
        int needed = (int)Math.Min(int.MaxValue, Math.Ceiling(Math.Round(rate * hold, 9)));
        if (needed > pool.MaxThreads)
        {
            return new ThreadPoolTheory(needed, null, double.PositiveInfinity);
        }

        double seconds = 0;
        double backlog = 0;
        int goal = pool.MinThreads;
        int withoutDelay = Math.Min(pool.MinThreads + DotnetThreadPoolPolicy.ThreadsToAddWithoutDelay(pool.ProcessorCount), pool.MaxThreads);
        if (pool.Block == BlockKind.Result)
        {
            goal = Math.Max(goal, Math.Min(needed, withoutDelay)); // raised at once
        }

        while (goal < needed)
        {
            double step = pool.Block == BlockKind.Result
                ? DotnetThreadPoolPolicy.BlockingDelay(goal, withoutDelay, pool.ProcessorCount).TotalSeconds
                : 2 * DotnetThreadPoolPolicy.GateActivitiesPeriod.TotalSeconds;
            backlog += step * Math.Max(0, rate - (goal / hold));
            seconds += step;
            goal++;
        }

        if (scenario.Arrivals == ArrivalPattern.Closed)
        {
            // A closed loop sends no more than its connections: that many requests at most wait at once.
            backlog = Math.Min(backlog, scenario.Connections);
        }

        // Poll's completions queue behind earlier requests as result's do (the pool does not see its sleeps).
        bool completionsQueue = pool.Block is BlockKind.Result or BlockKind.Poll;
        return new ThreadPoolTheory(needed, TimeSpan.FromSeconds(seconds), backlog, Spiral: completionsQueue && backlog >= 1);
    }
}
