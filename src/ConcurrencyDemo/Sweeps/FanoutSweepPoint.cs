using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Sweeps;

/// <summary>One point of a fan-out sweep.</summary>
/// <param name="SlowProbability">The chance that one call is slow.</param>
/// <param name="Fanout">K: calls per request, all waited for.</param>
/// <param name="Scenario">The run.</param>
/// <param name="ClosedForm">1 − (1 − p)^K; with each call hedged, 1 − (1 − p²)^K.</param>
/// <param name="Result">The run's result; null until it ran.</param>
public sealed record FanoutSweepPoint(double SlowProbability, int Fanout, Scenario Scenario, double ClosedForm, RunResult? Result)
{
    /// <summary>The share of requests that waited for a slow call (counted as timeouts); null until it ran.</summary>
    public double? MeasuredShare => Result is { Statistics: var s } && s.Sent > 0 ? (double)s.Timeouts / s.Sent : null;

    /// <summary>When each call of the fan-out is hedged (<c>--hedge-after</c>); null when none is.</summary>
    public TimeSpan? HedgeAfter => Scenario.Mitigations.HedgeAfter;
}
