using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Sweeps;

/// <summary>A finished sweep: the points in the order given.</summary>
/// <param name="Parameter">What was varied.</param>
/// <param name="Baseline">The scenario every point was derived from.</param>
/// <param name="Points">One run per value.</param>
/// <param name="PerThread">Measured cost of one blocked thread, used for virtual-clock memory; null when not measured.</param>
public sealed record SweepResult(SweepParameter Parameter, Scenario Baseline, IReadOnlyList<SweepPoint> Points, MemoryCost? PerThread)
{
    /// <summary>
    /// Whether a point kept up with its offered load: the effective rate within 1% of the successes offered
    /// (rate × success fraction) and a p99 overhead below the mean hold time (requests do not queue for as
    /// long as a call itself takes). Runs too short for whole seconds are judged by the overhead alone,
    /// since their rate is averaged over partial seconds.
    /// </summary>
    public static bool KeptUp(SweepPoint point)
    {
        Scenario s = point.Result.Scenario;
        ScenarioTheory theory = ScenarioTheory.For(s);
        double offered = s.RatePerSecond * theory.SuccessFraction;
        RateSummary rate = point.Result.Statistics.Rate;
        return point.Result.Statistics.OverheadMsAt(99) is { } p99
            && (rate.WholeRun || rate.Average >= 0.99 * offered)
            && p99 < theory.MeanHold.TotalMilliseconds;
    }
}
