using System.Globalization;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Playground;

/// <summary>
/// What the playground refuses to run, like the command line's <see cref="RunGuard"/> but tighter:
/// a page answers while its user waits, and a server must not be tied up by one request. There is no
/// --force here; the message names the command that runs it in a terminal instead.
/// </summary>
public static class PlaygroundGuard
{
    /// <summary>Most requests simulated per mode (about half a second of simulation each, by RunGuard's estimate).</summary>
    public const long MaxSimulatedRequests = 1_000_000;

    /// <summary>Longest simulated run drawn: its rate chart has one point per second.</summary>
    public static readonly TimeSpan MaxSimulatedSpan = TimeSpan.FromHours(2);

    /// <summary>Most load a real-clock run may put on this machine, both modes together.</summary>
    public static readonly TimeSpan MaxRealLoad = TimeSpan.FromSeconds(10);

    /// <summary>Every reason to refuse <paramref name="scenarios"/>; empty when they may run.</summary>
    public static IReadOnlyList<PlaygroundProblem> Check(PlaygroundScenarios scenarios, MachineLimits limits)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Sync is not Scenario sync || scenarios.Async is not Scenario async)
        {
            return scenarios.Problems;
        }

        var problems = new List<PlaygroundProblem>();
        string elsewhere = "or run the command below in a terminal";
        if (sync.Clock == ClockKind.Virtual)
        {
            if (sync.RequestCount > MaxSimulatedRequests)
            {
                problems.Add(new("num_req", string.Create(CultureInfo.InvariantCulture, $"--num_req: the playground simulates at most {MaxSimulatedRequests} requests per mode — lower --num_req (the rates and latencies settle long before), {elsewhere}")));
            }
            else if (sync.RequestCount * (double)sync.Fanout.Calls > MaxSimulatedRequests)
            {
                // Each call of a fan-out is an event of its own: the work grows with requests × K.
                problems.Add(new("fanout", string.Create(CultureInfo.InvariantCulture, $"--fanout: {sync.RequestCount} requests × {sync.Fanout.Calls} calls each is more than the {MaxSimulatedRequests} calls the playground simulates per mode — lower --num_req or --fanout, {elsewhere}")));
            }

            foreach (Scenario scenario in new[] { sync, async })
            {
                TimeSpan span = ScenarioTheory.For(scenario).ExpectedDuration;
                if (span > MaxSimulatedSpan && problems.Count == 0)
                {
                    problems.Add(new(null, $"the simulated {Mode(scenario)} run would last about {Units.Duration(span)}; the playground draws at most {Units.Duration(MaxSimulatedSpan)} — lower --num_req, add --threads, {elsewhere}"));
                }
            }

            return problems;
        }

        if (sync.Engine == EngineKind.ThreadPool)
        {
            // The run would set the limits of this server's own pool, the one answering the page.
            problems.Add(new("mode", "--mode threadpool on the real clock sets the .NET pool limits of the process it runs in, here the playground's server — run the command below in a terminal"));
            return problems;
        }

        TimeSpan load = ScenarioTheory.For(sync).ExpectedDuration + ScenarioTheory.For(async).ExpectedDuration;
        if (load > MaxRealLoad)
        {
            problems.Add(new(null, $"on the real clock both runs would take about {Units.Duration(load)}; the playground runs at most {Units.Duration(MaxRealLoad)} — lower --num_req, raise --rate or add --threads, {elsewhere}"));
        }

        // The command line's own limits (threads the OS allows, memory for their stacks).
        foreach (string problem in RunGuard.Check(sync, limits, freeDiskBytes: null))
        {
            problems.Add(new(null, problem.Replace(", or add --force", $", {elsewhere}", StringComparison.Ordinal)));
        }

        return problems;
    }

    private static string Mode(Scenario scenario) => scenario.Engine.ToString().ToLowerInvariant();
}
