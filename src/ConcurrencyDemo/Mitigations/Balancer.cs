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
    /// a service with no endpoint left still tries one.
    /// </summary>
    public int Pick(int[] outstanding, bool[]? ejected, int ejectedCount)
    {
        if (ejected is null || ejectedCount >= endpoints)
        {
            ejected = null;
            ejectedCount = 0;
        }

        int available = endpoints - ejectedCount;
        switch (kind)
        {
            case BalancerKind.Random:
                return NthAvailable(_random.Next(available), ejected);
            case BalancerKind.PowerOfTwoChoices:
                if (available == 1)
                {
                    return NthAvailable(0, ejected);
                }

                // Two distinct endpoints: the second is drawn from the others.
                int first = _random.Next(available);
                int second = _random.Next(available - 1);
                if (second >= first)
                {
                    second++;
                }

                int a = NthAvailable(first, ejected), b = NthAvailable(second, ejected);
                return outstanding[b] < outstanding[a] ? b : a;
            case BalancerKind.LeastOutstanding:
                int best = -1;
                for (int k = 0; k < endpoints; k++)
                {
                    // Scanning from where round robin would go, so ties go round robin.
                    int e = (_next + k) % endpoints;
                    if ((ejected is null || !ejected[e]) && (best < 0 || outstanding[e] < outstanding[best]))
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
                    if (ejected is null || !ejected[e])
                    {
                        _next = (e + 1) % endpoints;
                        return e;
                    }
                }

                throw new InvalidOperationException("No endpoint available, which panic mode rules out.");
        }
    }

    private int NthAvailable(int n, bool[]? ejected)
    {
        if (ejected is null)
        {
            return n;
        }

        for (int e = 0; e < endpoints; e++)
        {
            if (!ejected[e] && n-- == 0)
            {
                return e;
            }
        }

        throw new InvalidOperationException("Fewer endpoints available than counted.");
    }
}
