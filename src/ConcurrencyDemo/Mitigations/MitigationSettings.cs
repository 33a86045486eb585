namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// What stands between a request and its endpoint: the balancer and, optionally, ejection, a breaker and
/// a bulkhead (per call); retries and hedging (per request).
/// </summary>
/// <param name="Balancer">How a request picks its endpoint. Default round robin.</param>
/// <param name="Ejection">Passive outlier ejection; null (the default) for none.</param>
public sealed record MitigationSettings(BalancerKind Balancer, EjectionSettings? Ejection)
{
    /// <summary>The article's service: round robin, nothing else.</summary>
    public static readonly MitigationSettings None = new(BalancerKind.RoundRobin, null);

    /// <summary>A circuit breaker per endpoint; null (the default) for none.</summary>
    public BreakerSettings? Breaker { get; init; }

    /// <summary>At most this many calls in flight per endpoint, the excess failing fast; null (the default) for no limit.</summary>
    public int? Bulkhead { get; init; }

    /// <summary>Retries of a failed call (a timeout or a fast fail), each to an endpoint the balancer picks other than the last one tried. Default 0.</summary>
    public int Retries { get; init; }

    /// <summary>The share of requests that may be retried; null (the default) for no budget: every failure may be retried.</summary>
    public RetryBudgetSettings? RetryBudget { get; init; }

    /// <summary>After this long without an answer, one more attempt goes to another endpoint and the first answer wins; null (the default) for no hedging.</summary>
    public TimeSpan? HedgeAfter { get; init; }

    /// <summary>
    /// False for the article's plain round robin, which the workload's own endpoint assignment already
    /// is: the engines then run without a policy at all.
    /// </summary>
    public bool IsActive => Balancer != BalancerKind.RoundRobin || Ejection is not null || Breaker is not null || Bulkhead is not null
        || Retries > 0 || HedgeAfter is not null;
}
