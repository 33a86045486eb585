namespace ConcurrencyDemo.Scenarios;

/// <summary>Every call takes <paramref name="Latency"/>: the article's endpoints.</summary>
public sealed record FixedLatency(TimeSpan Latency) : LatencyDistribution
{
    public override TimeSpan Mean => Latency;

    public override bool IsFixed => true;

    public override TimeSpan Quantile(double u) => Latency;

    public override string ToString() => DurationText.Of(Latency);
}
