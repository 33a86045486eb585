using System.Globalization;


namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// <c>mix(FAST,SLOW@P%)</c>: a call takes SLOW with probability P and FAST otherwise — the
/// "1 % of calls take 1 s" of Dean and Barroso's tail-at-scale arithmetic.
/// </summary>
public sealed record MixedLatency(TimeSpan Fast, TimeSpan Slow, double SlowProbability) : LatencyDistribution
{
    public override TimeSpan Mean => FromTicks(((1 - SlowProbability) * Fast.Ticks) + (SlowProbability * Slow.Ticks));

    public override TimeSpan Quantile(double u) => u < SlowProbability ? Slow : Fast;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"mix({DurationText.Of(Fast)},{DurationText.Of(Slow)}@{SlowProbability * 100:0.####}%)");
}
