namespace ConcurrencyDemo.Mitigations;

/// <summary>What the request-level mitigations (retries, hedging) did in a run.</summary>
/// <param name="Requests">Requests that made at least a first attempt.</param>
/// <param name="Retried">Retries sent after a failed attempt.</param>
/// <param name="RetriesRefused">Retries the retry budget refused (the request failed instead).</param>
/// <param name="Hedged">Hedged attempts sent after --hedge-after without an answer.</param>
/// <param name="HedgesWon">Requests whose answer came from the hedged attempt.</param>
/// <param name="Abandoned">Calls abandoned because another attempt of the same request answered first (request-level hedges; a fan-out's hedged calls are not counted here).</param>
public sealed record MitigationCounters(long Requests, long Retried, long RetriesRefused, long Hedged, long HedgesWon, long Abandoned)
{
    /// <summary>Calls each attempt makes: K with <c>--fanout K</c> (a retry repeats them all; a hedge is one call), else 1.</summary>
    public int CallsPerAttempt { get; init; } = 1;

    /// <summary>Calls beyond the first attempts' (retries' calls and hedges), as a percentage of the first attempts' calls.</summary>
    public double ExtraLoadPercent => Requests == 0 ? 0 : 100.0 * ((Retried * CallsPerAttempt) + Hedged) / (Requests * (double)CallsPerAttempt);
}
