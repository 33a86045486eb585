namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// <c>--slowdown ENDPOINT=LATENCY@FROM-TO</c>: from <paramref name="From"/> to <paramref name="To"/>
/// after the run's start, calls that reach the endpoint take <paramref name="Latency"/> instead (a
/// latency at or above the timeout makes it a black hole for that window).
/// </summary>
/// <param name="Endpoint">Index in <c>--latency</c>; null for every endpoint (<c>all</c>).</param>
/// <param name="Latency">What a call takes inside the window.</param>
/// <param name="From">Start of the window since the run's start (inclusive).</param>
/// <param name="To">End of the window (exclusive).</param>
public sealed record Slowdown(int? Endpoint, TimeSpan Latency, TimeSpan From, TimeSpan To)
{
    /// <summary>Whether a call to <paramref name="endpoint"/> that reaches it at <paramref name="at"/> is slowed.</summary>
    public bool Covers(int endpoint, TimeSpan at) => (Endpoint is null || Endpoint == endpoint) && at >= From && at < To;

    /// <summary>As written on the command line.</summary>
    public override string ToString() =>
        $"{(Endpoint is int e ? e.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all")}={DurationText.Of(Latency)}@{Seconds(From)}-{Seconds(To)}";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
