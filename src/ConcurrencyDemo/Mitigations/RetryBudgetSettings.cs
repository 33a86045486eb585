namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// A retry budget with Finagle's semantics (<c>RetryBudget(ttl, minRetriesPerSec, percentCanRetry)</c>,
/// finagle-core <c>com.twitter.finagle.service.RetryBudget</c>): each request deposits
/// <see cref="Percent"/> % of a retry, each retry withdraws one, deposits expire after
/// <see cref="Ttl"/>, and a reserve of <see cref="MinPerSecond"/> × ttl retries is always there, so a
/// service with little traffic can still retry.
/// </summary>
/// <param name="Percent">Retries allowed as a share of requests, in percent (0–100). Finagle's default 20.</param>
/// <param name="Ttl">How long a deposit counts. Finagle's default 10 s.</param>
/// <param name="MinPerSecond">Retries always allowed per second of ttl. Finagle's default 10.</param>
public sealed record RetryBudgetSettings(double Percent, TimeSpan Ttl, int MinPerSecond)
{
    /// <summary>Finagle's defaults for <paramref name="percent"/> % of requests.</summary>
    public static RetryBudgetSettings Share(double percent) => new(percent, TimeSpan.FromSeconds(10), 10);
}
