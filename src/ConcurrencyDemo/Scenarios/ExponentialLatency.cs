namespace ConcurrencyDemo.Scenarios;

/// <summary><c>exp(MEAN)</c>: exponentially distributed latency (memoryless; p99 ≈ 4.6 × mean).</summary>
public sealed record ExponentialLatency(TimeSpan MeanLatency) : LatencyDistribution
{
    public override TimeSpan Mean => MeanLatency;

    public override TimeSpan Quantile(double u) => FromTicks(-MeanLatency.Ticks * Math.Log(1 - u));

    public override string ToString() => $"exp({DurationText.Of(MeanLatency)})";
}
