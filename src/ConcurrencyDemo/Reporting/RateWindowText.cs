using System.Globalization;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Reporting;

/// <summary>
/// The summary's "Rate window:" line: which seconds the Avg rate was taken over, and, when the
/// successes stopped while the load went on, that the Avg rate is the rate before they stopped.
/// </summary>
internal static class RateWindowText
{
    public static string Line(Scenario scenario, RunStatistics s)
    {
        if (s.Rate.WholeRun)
        {
            return "Rate window: the whole run, to the last success (fewer than 3 seconds hold successes, so none of them is whole)";
        }

        string line = string.Create(CultureInfo.InvariantCulture, $"Rate window: seconds {s.Rate.FirstSecond}–{s.Rate.LastSecond} (the partial first and last seconds left out)");
        // The window ends with the last second that holds a success, as the article's tool's does; a whole
        // second or more of load after it means the successes stopped while requests still came.
        // An interrupted run sent only part of its load: the load ran to its last request's due time.
        TimeSpan load = !scenario.HasRate || s.Sent == 0
            ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(scenario.LoadDuration.TotalSeconds, (s.Sent - 1) / scenario.RatePerSecond));
        if (load - s.LastSuccess < TimeSpan.FromSeconds(1))
        {
            return line;
        }

        double overRun = s.LastCompletion > TimeSpan.Zero ? s.Successes / s.LastCompletion.TotalSeconds : 0;
        return line + string.Create(
            CultureInfo.InvariantCulture,
            $"; no success after {Units.Duration(s.LastSuccess)} while the load ran to {Units.Duration(load)}: the Avg rate is the rate while successes came (over the whole run: {s.Successes} successes in {Units.Duration(s.LastCompletion)}, {overRun:0.0}/s)");
    }
}
