namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// How long one endpoint takes to answer: a fixed value, or a distribution drawn per call from the
/// run's seed. Written in the <c>--latency</c> list beside fixed values, e.g. <c>exp(20ms)</c>.
/// </summary>
public abstract record LatencyDistribution
{
    /// <summary>The mean latency: what the theory (Little's law) uses.</summary>
    public abstract TimeSpan Mean { get; }

    /// <summary>Whether every call takes the same time.</summary>
    public virtual bool IsFixed => false;

    /// <summary>The latency at quantile <paramref name="u"/> (0 ≤ u &lt; 1): a draw when u is uniform.</summary>
    public abstract TimeSpan Quantile(double u);

    /// <summary>The distribution as written on the command line.</summary>
    public abstract override string ToString();

    /// <summary>Ticks from a double, clamped to the longest accepted duration (a lognormal tail is unbounded).</summary>
    protected static TimeSpan FromTicks(double ticks) =>
        TimeSpan.FromTicks((long)Math.Round(Math.Clamp(ticks, 0, DurationParser.Maximum.Ticks)));
}
