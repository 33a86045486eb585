namespace ConcurrencyDemo.Mitigations;

/// <summary>What stands between a request and its endpoint: the balancer and, optionally, ejection.</summary>
/// <param name="Balancer">How a request picks its endpoint. Default round robin.</param>
/// <param name="Ejection">Passive outlier ejection; null (the default) for none.</param>
public sealed record MitigationSettings(BalancerKind Balancer, EjectionSettings? Ejection)
{
    /// <summary>The article's service: round robin, nothing else.</summary>
    public static readonly MitigationSettings None = new(BalancerKind.RoundRobin, null);

    /// <summary>
    /// False for the article's plain round robin, which the workload's own endpoint assignment already
    /// is: the engines then run without a policy at all.
    /// </summary>
    public bool IsActive => Balancer != BalancerKind.RoundRobin || Ejection is not null;
}
