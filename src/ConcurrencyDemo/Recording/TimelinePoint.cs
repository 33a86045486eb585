namespace ConcurrencyDemo.Recording;

/// <summary>
/// Overhead percentiles (ms) of the successes whose intended start fell in
/// [<paramref name="FromSecond"/>, <paramref name="FromSecond"/> + bucket width).
/// </summary>
public readonly record struct TimelinePoint(double FromSecond, long Count, double P50Ms, double P90Ms, double P99Ms);
