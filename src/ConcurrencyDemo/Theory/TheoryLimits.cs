using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Theory;

/// <summary>
/// Where <see cref="ScenarioTheory"/>'s steady-state arithmetic on mean latencies does not describe
/// the run, one sentence each, so that a reader never takes its figure for more than it is.
/// </summary>
public static class TheoryLimits
{
    public static IReadOnlyList<string> For(Scenario scenario)
    {
        var limits = new List<string>();
        if (scenario.EndpointDistributions.Count > 0)
        {
            bool tailPastTimeout = scenario.EndpointDistributions.Any(d => !d.IsFixed && !scenario.Succeeds(d.Quantile(0.999999)));
            limits.Add("latency distributions: the theory uses their means; Little's law holds for the mean, but the overhead a pool adds depends on the whole distribution (queueing, M/G/c), so a spread latency queues before the mean says the pool is full"
                + (tailPastTimeout ? ", and draws in a tail past the timeout fail where the mean says they succeed" : ""));
        }

        if (scenario.Fanout != Fanout.None && scenario.EndpointDistributions.Count > 0)
        {
            limits.Add("fan-out over distributions: a request waits for its slowest call (or the Q-th), whose mean is above the calls' mean; the theory uses the Q-th of the means, which understates the hold (see 1 − (1 − p)^K)");
        }

        if (scenario.Slowdowns.Count > 0)
        {
            limits.Add("slowdown windows: the theory is for the steady state outside them; inside a window capacity falls, and whether the service comes back after it depends on the backlog built up, which no steady-state formula gives");
        }

        return limits;
    }
}
