namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// Passive outlier ejection with Envoy's consecutive-failure semantics (<c>--eject</c>): an endpoint
/// with <see cref="Consecutive"/> failures in a row (timeouts count) leaves the balancer at once, for
/// <see cref="BaseTime"/> × times ejected (at most <see cref="MaxTime"/>); ejected endpoints come
/// back at the sweep every <see cref="Interval"/>; never more than <see cref="MaxPercent"/> of the
/// endpoints are out, but always at least one may be.
/// </summary>
/// <param name="Consecutive">Failures in a row that eject. Default 5 (Envoy's consecutive_5xx).</param>
/// <param name="Interval">Time between sweeps that return endpoints. Default 10 s.</param>
/// <param name="BaseTime">Ejection time per time ejected. Default 30 s.</param>
/// <param name="MaxPercent">Most endpoints ejected at once, in percent (0–100). Default 10.</param>
public sealed record EjectionSettings(int Consecutive, TimeSpan Interval, TimeSpan BaseTime, double MaxPercent)
{
    /// <summary>Envoy's defaults.</summary>
    public static readonly EjectionSettings Default = new(5, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), 10);

    /// <summary>Envoy's max_ejection_time: 300 s, or the base time when that is longer.</summary>
    public TimeSpan MaxTime => BaseTime > TimeSpan.FromSeconds(300) ? BaseTime : TimeSpan.FromSeconds(300);
}
