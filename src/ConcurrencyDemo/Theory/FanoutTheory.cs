using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Theory;

/// <summary>
/// The fan-out's closed forms (Dean and Barroso, "The Tail at Scale", CACM 2013): a request that
/// waits for Q of K calls meets the Q-th fastest of them.
/// </summary>
public static class FanoutTheory
{
    /// <summary>
    /// Share of requests that are slow when each of their K calls is slow with probability
    /// <paramref name="p"/> independently and a request waits for <paramref name="quorum"/> of them:
    /// slow when fewer than Q calls are fast, Σ_{j&lt;Q} C(K,j)(1−p)^j p^(K−j); with Q = K, 1 − (1 − p)^K.
    /// </summary>
    public static double SlowShare(double p, int calls, int quorum)
    {
        if (quorum == calls)
        {
            return 1 - Math.Pow(1 - p, calls);
        }

        double share = 0;
        for (int fast = 0; fast < quorum; fast++)
        {
            share += Math.Exp(LogChoose(calls, fast) + (fast * Math.Log(1 - p)) + ((calls - fast) * Math.Log(p)));
        }

        return share;
    }

    /// <summary>
    /// The chance that one call of a fan-out is slow, <paramref name="p"/> without hedging; with each call
    /// hedged after a delay between the fast and the slow latency, slow only when its hedge is slow too: p².
    /// </summary>
    public static double SlowCallProbability(double p, bool hedged) => hedged ? p * p : p;

    /// <summary>
    /// What a request that starts at each round-robin position waits for, one value per endpoint:
    /// the Q-th fastest in-time latency of its K endpoints (their means for a distribution), or the
    /// timeout when fewer than Q answer in time. Without a fan-out, the endpoints' latencies.
    /// </summary>
    public static IReadOnlyList<TimeSpan> WaitedFor(Scenario scenario)
    {
        IReadOnlyList<TimeSpan> latencies = scenario.EndpointLatencies;
        Fanout fanout = scenario.Fanout;
        if (fanout == Fanout.None)
        {
            return latencies;
        }

        var waited = new TimeSpan[latencies.Count];
        for (int start = 0; start < latencies.Count; start++)
        {
            List<TimeSpan> inTime = [.. Enumerable.Range(0, fanout.Calls).Select(j => latencies[(start + j) % latencies.Count]).Where(scenario.Succeeds).Order()];
            waited[start] = inTime.Count >= fanout.Quorum ? inTime[fanout.Quorum - 1] : scenario.Timeout;
        }

        return waited;
    }

    private static double LogChoose(int n, int k)
    {
        double sum = 0;
        for (int i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }

        return sum;
    }
}
