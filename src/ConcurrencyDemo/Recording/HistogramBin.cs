namespace ConcurrencyDemo.Recording;

/// <summary>One bar of the overhead histogram: successes whose overhead fell in [FromMs, ToMs).</summary>
public readonly record struct HistogramBin(double FromMs, double ToMs, long Count);
