namespace ConcurrencyDemo.Mitigations;

/// <summary>How a request picks its endpoint (<c>--balancer</c>).</summary>
public enum BalancerKind
{
    /// <summary>Each endpoint in turn, skipping ejected ones: the article's, and the default.</summary>
    RoundRobin,

    /// <summary>A uniformly random endpoint among those not ejected.</summary>
    Random,

    /// <summary>The endpoint with the fewest calls outstanding; ties go round robin.</summary>
    LeastOutstanding,

    /// <summary>Power of two choices (Mitzenmacher; Finagle, Envoy): two random endpoints, the one with fewer calls outstanding.</summary>
    PowerOfTwoChoices,
}
