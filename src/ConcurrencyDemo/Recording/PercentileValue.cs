namespace ConcurrencyDemo.Recording;

/// <summary>One point of the overhead distribution: <paramref name="Percentile"/> in 0..100, overhead in ms.</summary>
public readonly record struct PercentileValue(double Percentile, double OverheadMs);
