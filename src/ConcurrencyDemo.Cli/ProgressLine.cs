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

    /// <summary>One status line, short enough for an 80-column terminal beside the bar, e.g. "sent 940/1000 · done 900 · timed out 10 · 998/s of 1000/s · 1:05, ~0:04 left".</summary>
    public static string Format(long sent, long completed, long timedOut, long total, double successesPerSecond, double offeredPerSecond, TimeSpan elapsed, TimeSpan remaining) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"sent {sent}/{total} · done {completed} · timed out {timedOut} · {successesPerSecond:0}/s of {offeredPerSecond:0.###}/s · {Clock(elapsed)}, ~{Clock(remaining)} left");

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
