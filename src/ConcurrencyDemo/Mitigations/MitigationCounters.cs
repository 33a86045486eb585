namespace ConcurrencyDemo.Mitigations;

/// <summary>What the request-level mitigations (retries, hedging) did in a run.</summary>
/// <param name="Requests">Requests that made at least a first attempt.</param>
/// <param name="Retried">Retries sent after a failed attempt.</param>
/// <param name="RetriesRefused">Retries the retry budget refused (the request failed instead).</param>
/// <param name="Hedged">Hedged attempts sent after --hedge-after without an answer.</param>
/// <param name="HedgesWon">Requests whose answer came from the hedged attempt.</param>
/// <param name="Abandoned">Calls abandoned because another attempt of the same request answered first.</param>
public sealed record MitigationCounters(long Requests, long Retried, long RetriesRefused, long Hedged, long HedgesWon, long Abandoned)
{
    /// <summary>Calls beyond one per request (retries and hedges), as a percentage of requests.</summary>
    public double ExtraLoadPercent => Requests == 0 ? 0 : 100.0 * (Retried + Hedged) / Requests;
}
