namespace ConcurrencyDemo.Timing;

/// <summary>How late one kind of wait of the instrument ended, over a run. Times in milliseconds.</summary>
/// <param name="Count">Waits measured.</param>
/// <param name="P50Ms">Median lateness.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="MaxMs">Largest lateness seen.</param>
/// <param name="Early">Waits that ended before they were due (counted as 0 late); the precise timer never ends one early.</param>
public sealed record LatenessSummary(long Count, double P50Ms, double P99Ms, double P999Ms, double MaxMs, long Early);
