using System.Globalization;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// What the progress display says, as a wrk2/k6 user expects to see it: counts, the live success rate
/// against the offered rate, elapsed and remaining time; and the one-time hint for long real-clock runs.
/// </summary>
internal static class ProgressLine
{
    // Real-clock runs expected to take longer than this get the --clock virtual hint.
    private static readonly TimeSpan s_hintAbove = TimeSpan.FromMinutes(1);

    // Real-clock runs are shown with progress when they last longer than this.
    private static readonly TimeSpan s_showAbove = TimeSpan.FromSeconds(2);

    /// <summary>
    /// One status line, short enough for an 80-column terminal beside the bar, e.g. "sent 940/1000 · done 900 ·
    /// timed out 10 · 998/s of 1000/s · 1:05, ~0:04 left". Without a total (a closed loop's --duration) no
    /// "/total"; without an offered rate (a closed loop without --rate, infinite) no "of …/s".
    /// </summary>
    public static string Format(long sent, long completed, long timedOut, long? total, double successesPerSecond, double offeredPerSecond, TimeSpan elapsed, TimeSpan remaining)
    {
        string of = total is long t ? string.Create(CultureInfo.InvariantCulture, $"/{t}") : "";
        string offered = double.IsPositiveInfinity(offeredPerSecond) ? "" : string.Create(CultureInfo.InvariantCulture, $" of {offeredPerSecond:0.###}/s");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"sent {sent}{of} · done {completed} · timed out {timedOut} · {successesPerSecond:0}/s{offered} · {Clock(elapsed)}, ~{Clock(remaining)} left");
    }

    /// <summary>
    /// Whether a run is long enough for a progress display: real clock, and a load that lasts over 2 s; a closed
    /// loop without --rate has no schedule, so its theory's duration (the loop's pace) stands in for the load's.
    /// </summary>
    public static bool WorthShowing(Scenario scenario)
    {
        if (scenario.Clock != ClockKind.Real)
        {
            return false;
        }

        TimeSpan load = scenario.Arrivals == ArrivalPattern.Closed && !scenario.HasRate && scenario.Duration is null
            ? ScenarioTheory.For(scenario).ExpectedDuration
            : scenario.LoadDuration;
        return load > s_showAbove;
    }

    /// <summary>Time left by theory: the expected duration less what has passed, never below zero.</summary>
    public static TimeSpan Remaining(Scenario scenario, TimeSpan elapsed)
    {
        TimeSpan left = ScenarioTheory.For(scenario).ExpectedDuration - elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The hint for a real-clock run expected to take over a minute, or null.</summary>
    public static string? LongRunHint(Scenario scenario)
    {
        if (scenario.Clock != ClockKind.Real || scenario.Transport != TransportKind.Model)
        {
            return null;
        }

        TimeSpan expected = ScenarioTheory.For(scenario).ExpectedDuration;
        return expected > s_hintAbove
            ? $"{UserError.Tool}: this run takes about {Units.Duration(expected)} on the real clock; --clock virtual gives the same answer in milliseconds"
            : null;
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}:{t.Seconds:00}");
}
