namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// Picks an endpoint for a call from the calls outstanding on each and the endpoints out of service.
/// Not thread-safe: <see cref="EndpointPolicy"/> locks. Random choices come from a seeded
/// <see cref="System.Random"/>, so a virtual-clock run is deterministic.
/// </summary>
internal sealed class Balancer(BalancerKind kind, int endpoints, int seed)
{
    private readonly Random _random = new(seed);
    private int _next;

    /// <summary>
    /// The endpoint for the next call. When every endpoint is out, all are used (Envoy's panic mode):
    /// a service with no endpoint left still tries one. <paramref name="avoid"/> (−1 for none) is the
    /// endpoint a retry or hedge just tried: it is left out too, unless it is the only one left
    /// (Envoy's previous_hosts retry predicate).
    /// </summary>
    public int Pick(int[] outstanding, bool[]? ejected, int ejectedCount, int avoid = -1)
    {
        if (ejected is null || ejectedCount >= endpoints)
        {
            ejected = null;
            ejectedCount = 0;
        }

        int available = endpoints - ejectedCount;
        if (avoid >= 0 && (available == 1 || (ejected is not null && ejected[avoid])))
        {
            avoid = -1; // nothing else to go to, or already left out
        }

        if (avoid >= 0)
        {
            available--;
        }

        bool IsOut(int e) => e == avoid || (ejected is not null && ejected[e]);

        int NthAvailable(int n)
        {
            for (int e = 0; e < endpoints; e++)
            {
                if (!IsOut(e) && n-- == 0)
                {
                    return e;
                }
            }

            throw new InvalidOperationException("Fewer endpoints available than counted.");
        }

        switch (kind)
        {
            case BalancerKind.Random:
                return NthAvailable(_random.Next(available));
            case BalancerKind.PowerOfTwoChoices:
                if (available == 1)
                {
                    return NthAvailable(0);
                }

                // Two distinct endpoints: the second is drawn from the others.
                int first = _random.Next(available);
                int second = _random.Next(available - 1);
                if (second >= first)
                {
                    second++;
                }

                int a = NthAvailable(first), b = NthAvailable(second);
                return outstanding[b] < outstanding[a] ? b : a;
            case BalancerKind.LeastOutstanding:
                int best = -1;
                for (int k = 0; k < endpoints; k++)
                {
                    // Scanning from where round robin would go, so ties go round robin.
                    int e = (_next + k) % endpoints;
                    if (!IsOut(e) && (best < 0 || outstanding[e] < outstanding[best]))
                    {
                        best = e;
                    }
                }

                _next = (best + 1) % endpoints;
                return best;
            default:
                for (int k = 0; k < endpoints; k++)
                {
                    int e = (_next + k) % endpoints;
                    if (!IsOut(e))
                    {
                        _next = (e + 1) % endpoints;
                        return e;
                    }
                }

                throw new InvalidOperationException("No endpoint available, which panic mode rules out.");
        }
    }
}
