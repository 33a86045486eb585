namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// <c>lognormal(p50=P50,p99=P99)</c>: the heavy-tailed shape real service latencies often have,
/// given by its median and 99th percentile (ln latency is normal with μ = ln p50, σ = ln(p99/p50) / z₀.₉₉).
/// </summary>
public sealed record LogNormalLatency(TimeSpan P50, TimeSpan P99) : LatencyDistribution
{
    /// <summary>The standard normal's 99th percentile.</summary>
    private const double Z99 = 2.3263478740408408;

    private double Mu => Math.Log(P50.Ticks);

    private double Sigma => Math.Log((double)P99.Ticks / P50.Ticks) / Z99;

    /// <summary>exp(μ + σ²/2): above the median, and far above it when the tail is long.</summary>
    public override TimeSpan Mean => FromTicks(Math.Exp(Mu + (Sigma * Sigma / 2)));

    public override TimeSpan Quantile(double u) => FromTicks(Math.Exp(Mu + (Sigma * NormalQuantile.Of(u))));

    public override string ToString() => $"lognormal(p50={DurationText.Of(P50)},p99={DurationText.Of(P99)})";
}
