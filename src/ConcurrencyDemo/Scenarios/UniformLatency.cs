namespace ConcurrencyDemo.Scenarios;

/// <summary><c>uniform(LOW,HIGH)</c>: every latency from LOW to HIGH equally likely.</summary>
public sealed record UniformLatency(TimeSpan Low, TimeSpan High) : LatencyDistribution
{
    public override TimeSpan Mean => TimeSpan.FromTicks((Low.Ticks + High.Ticks) / 2);

    public override TimeSpan Quantile(double u) => FromTicks(Low.Ticks + (u * (High.Ticks - Low.Ticks)));

    public override string ToString() => $"uniform({DurationText.Of(Low)},{DurationText.Of(High)})";
}
