namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// A circuit breaker per endpoint with Polly v8's semantics and defaults (<c>--breaker</c>): it opens
/// when, over the last <see cref="SamplingDuration"/>, at least <see cref="MinimumThroughput"/> calls
/// ended and at least <see cref="FailureRatio"/> of them failed; open, it fails calls fast for
/// <see cref="BreakDuration"/>; then half-open, it lets one probe through: a success closes it, a
/// failure opens it again.
/// </summary>
/// <param name="FailureRatio">Share of failed calls that opens it, 0–1. Default 0.1.</param>
/// <param name="SamplingDuration">The window the ratio is taken over. Default 30 s.</param>
/// <param name="MinimumThroughput">Fewest calls in the window before it may open. Default 100.</param>
/// <param name="BreakDuration">How long it stays open. Default 5 s.</param>
public sealed record BreakerSettings(double FailureRatio, TimeSpan SamplingDuration, int MinimumThroughput, TimeSpan BreakDuration)
{
    /// <summary>Polly v8's defaults (CircuitBreakerStrategyOptions).</summary>
    public static readonly BreakerSettings Default = new(0.1, TimeSpan.FromSeconds(30), 100, TimeSpan.FromSeconds(5));

    /// <summary>
    /// True to run Polly v8's own breaker, driven call by call (<see cref="PollyCircuitBreaker"/>), instead of
    /// the hand-written state machine (<see cref="CircuitBreaker"/>). Default false. Not the tool's: the CLI never
    /// sets it; the tests use it as an oracle and the benchmarks as the baseline it lost to (issue 14).
    /// </summary>
    internal bool DrivePolly { get; init; }
}
