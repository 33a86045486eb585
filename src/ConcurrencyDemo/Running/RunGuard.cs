using System.Globalization;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Running;

/// <summary>
/// Refuses, before anything starts, a run that would exhaust the machine or the user's patience:
/// more threads than the OS or the memory allows, a real-clock run of more than an hour, a
/// simulation of more than an hour, results that would not fit on the disk. Each problem says what
/// to do instead; the CLI's <c>--force</c> skips these checks.
/// </summary>
public static class RunGuard
{
    /// <summary>Longest expected real-clock run accepted without --force.</summary>
    public static readonly TimeSpan MaxRealDuration = TimeSpan.FromHours(1);

    /// <summary>Longest expected simulation (wall time) accepted without --force.</summary>
    public static readonly TimeSpan MaxSimulationTime = TimeSpan.FromHours(1);

    /// <summary>
    /// Requests the virtual clock simulates per second of wall time, measured conservatively (sync,
    /// Debug build, on a loaded 2-core machine); used only to estimate how long a simulation takes.
    /// </summary>
    public const double SimulatedRequestsPerSecond = 2_000_000;

    /// <summary>Threads the runtime itself needs besides the engine's workers (GC, timers, thread pool).</summary>
    private const int RuntimeThreadsHeadroom = 32;

    /// <summary>Returns every problem found, one line each; empty when the run is reasonable.</summary>
    /// <param name="scenario">The validated scenario.</param>
    /// <param name="limits">The machine's limits (see <see cref="MachineLimits.Read"/>).</param>
    /// <param name="freeDiskBytes">Free space where the results go, or null if unknown.</param>
    public static IReadOnlyList<string> Check(Scenario scenario, MachineLimits limits, long? freeDiskBytes)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(limits);
        var problems = new List<string>();
        if (scenario.Clock == ClockKind.Real)
        {
            CheckThreads(scenario, limits, problems);
            CheckRealDuration(scenario, problems);
        }
        else
        {
            CheckSimulationTime(scenario, problems);
            CheckSimulatedSpan(scenario, limits, problems);
        }

        long needed = EstimatedOutputBytes(scenario);
        if (freeDiskBytes is long free && needed > free)
        {
            problems.Add($"--output: the charts and JSON need about {Units.Bytes(needed)} but only {Units.Bytes(free)} is free there — free some space, choose another --output, or add --force");
        }

        return problems;
    }

    /// <summary>
    /// About how many bytes the results take: four PNGs of ~100 KB, and the JSON, which grows with
    /// the run's length in seconds (successes per second) and with the number of endpoints.
    /// </summary>
    public static long EstimatedOutputBytes(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        const long pngs = 4 * 100 * 1024;
        const long jsonFixed = 64 * 1024; // percentile curve, histogram, timeline (≤ 600 points)
        double seconds = Math.Min(ScenarioTheory.For(scenario).ExpectedDuration.TotalSeconds, 1e12);
        return pngs + jsonFixed + (long)(seconds * 12) + (scenario.EndpointLatencies.Count * 24L);
    }

    private static void CheckThreads(Scenario scenario, MachineLimits limits, List<string> problems)
    {
        if (scenario.Engine != EngineKind.Sync)
        {
            return;
        }

        long wanted = scenario.Threads + (long)limits.ProcessThreads + RuntimeThreadsHeadroom;
        long? allowed = Min(limits.KernelThreadsMax, limits.MaxUserProcesses);
        if (allowed is long max && wanted > max)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"--threads: {scenario.Threads} threads are more than this machine allows (kernel.threads-max {Show(limits.KernelThreadsMax)}, max user processes {Show(limits.MaxUserProcesses)}, {limits.ProcessThreads} already in use here) — lower --threads, simulate them with --clock virtual, or add --force"));
        }

        long stacks = scenario.Threads * limits.StackReservationBytes;
        if (limits.AvailableMemoryBytes is long available && stacks > available)
        {
            problems.Add($"--threads: {scenario.Threads} threads reserve {Units.Bytes(stacks)} of stack ({Units.Bytes(limits.StackReservationBytes)} each) but only {Units.Bytes(available)} of memory is available — lower --threads, simulate them with --clock virtual, or add --force");
        }
    }

    private static void CheckRealDuration(Scenario scenario, List<string> problems)
    {
        TimeSpan expected = ScenarioTheory.For(scenario).ExpectedDuration;
        if (expected > MaxRealDuration)
        {
            string why = ScenarioTheory.For(scenario).QueueGrowthPerSecond > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{scenario.Threads} threads serve at most {ScenarioTheory.For(scenario).CapacityPerSecond:0.###} requests/s (Little's law), below the {scenario.RatePerSecond:0.###} rps offered")
                : string.Create(CultureInfo.InvariantCulture, $"{scenario.RequestCount} requests at {scenario.RatePerSecond:0.###} rps");
            problems.Add($"this real-clock run would take about {Describe(expected)} ({why}) — simulate it in seconds with --clock virtual, lower --num_req, or add --force");
        }
    }

    private static void CheckSimulationTime(Scenario scenario, List<string> problems)
    {
        double seconds = scenario.RequestCount / SimulatedRequestsPerSecond;
        if (seconds > MaxSimulationTime.TotalSeconds)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"--num_req: simulating {scenario.RequestCount} requests would take about {Describe(TimeSpan.FromSeconds(Math.Min(seconds, 1e9)))} — lower --num_req (the rates and latencies settle long before), or add --force"));
        }
    }

    // The recorder keeps one counter per simulated second of completions (a list that may double),
    // so a queue that drains for years needs gigabytes even though requests need no memory.
    private static void CheckSimulatedSpan(Scenario scenario, MachineLimits limits, List<string> problems)
    {
        TimeSpan span = ScenarioTheory.For(scenario).ExpectedDuration;
        double bytes = span.TotalSeconds * 16;
        if (limits.AvailableMemoryBytes is long available && bytes > available / 2.0)
        {
            problems.Add($"the simulated run would last about {Describe(span)} and its per-second series need about {Units.Bytes((long)Math.Min(bytes, long.MaxValue / 2.0))} of memory, more than half of the {Units.Bytes(available)} available — lower --num_req, add --threads, or add --force");
        }
    }

    private static string Describe(TimeSpan d) =>
        d.TotalDays >= 2 ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalDays:0.#} days") : Units.Duration(d);

    private static string Show(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    private static long? Min(long? a, long? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
