namespace ConcurrencyDemo.Recording;

/// <summary>The effective rate: successes per second, mean and standard deviation over a window.</summary>
/// <param name="Average">Mean successes per second over the window.</param>
/// <param name="StdDev">Population standard deviation of the per-second counts (0 for a one-value window).</param>
/// <param name="FirstSecond">First whole second in the window.</param>
/// <param name="LastSecond">Last whole second in the window (inclusive).</param>
/// <param name="WholeRun">True when the run was too short to leave out partial seconds, so the rate is over the whole run.</param>
public readonly record struct RateSummary(double Average, double StdDev, long FirstSecond, long LastSecond, bool WholeRun);
