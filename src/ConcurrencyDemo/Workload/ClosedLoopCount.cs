using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Workload;

/// <summary>What a closed loop sent, against what an open loop at the same rate would have sent in the same time.</summary>
/// <param name="Connections">The loop's connections.</param>
/// <param name="Sent">Requests the closed loop sent.</param>
/// <param name="LastSent">When it sent its last request, since the run's start.</param>
/// <param name="OpenLoopWouldHaveSent">
/// Requests an open loop at <c>--rate</c> sends from 0 to <paramref name="LastSent"/> (request i is due at
/// i / rate); null without a rate, when there is no schedule to compare with.
/// </param>
public sealed record ClosedLoopCount(int Connections, long Sent, TimeSpan LastSent, long? OpenLoopWouldHaveSent)
{
    /// <summary>
    /// Requests the closed loop did not send that the open loop would have in the same time: the load a
    /// closed-loop generator hides while the service is slow (coordinated omission). Null without a rate.
    /// </summary>
    public long? NotSent => OpenLoopWouldHaveSent is long open ? Math.Max(0, open - Sent) : null;

    internal static ClosedLoopCount From(Scenario scenario, long sent, TimeSpan lastSent)
    {
        long? open = null;
        if (scenario.HasRate)
        {
            // Requests due at i / rate ≤ lastSent: i from 0 to ⌊lastSent · rate⌋ (rounded first, so 2.9999999 counts as 3).
            open = (long)Math.Floor(Math.Round(lastSent.TotalSeconds * scenario.RatePerSecond, 6)) + 1;
        }

        return new ClosedLoopCount(scenario.Connections, sent, lastSent, open);
    }
}
