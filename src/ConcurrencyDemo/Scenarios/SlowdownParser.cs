using System.Globalization;

namespace ConcurrencyDemo.Scenarios;

/// <summary>Parses one <c>--slowdown ENDPOINT=LATENCY@FROM-TO</c>, e.g. <c>0=2s@10-20</c> or <c>all=30s@5-6.5</c>.</summary>
public static class SlowdownParser
{
    /// <summary>The valid form, for error messages.</summary>
    public const string ValidForm = "ENDPOINT=LATENCY@FROM-TO with ENDPOINT an index into --latency or all, FROM and TO in seconds since the start, e.g. 0=2s@10-20";

    /// <param name="text">The option's value.</param>
    /// <param name="endpoints">How many endpoints --latency lists.</param>
    /// <param name="lastDue">When the run's last request is due: a window starting after it slows nothing.</param>
    /// <param name="slowdown">The parsed value, when valid.</param>
    /// <param name="error">Otherwise one line naming the problem and the valid form.</param>
    public static bool TryParse(string text, int endpoints, TimeSpan lastDue, out Slowdown slowdown, out string error)
    {
        slowdown = new Slowdown(null, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        string prefix = $"--slowdown: \"{text}\"";
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        int at = text.LastIndexOf('@');
        if (eq < 0 || at < eq)
        {
            error = $"{prefix} — expected {ValidForm}";
            return false;
        }

        string endpointText = text[..eq].Trim();
        int? endpoint = null;
        if (!endpointText.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(endpointText, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= endpoints)
            {
                error = $"{prefix}: endpoint \"{endpointText}\" is not an index from 0 to {endpoints - 1} of --latency (or all) — expected {ValidForm}";
                return false;
            }

            endpoint = index;
        }

        if (!DurationParser.TryParse(text[(eq + 1)..at], out TimeSpan latency, out string durationError))
        {
            error = $"{prefix}: latency {durationError} — expected {ValidForm}";
            return false;
        }

        string[] window = text[(at + 1)..].Split('-');
        if (window.Length != 2 || !Seconds(window[0], out TimeSpan from) || !Seconds(window[1], out TimeSpan to))
        {
            error = $"{prefix}: window \"{text[(at + 1)..]}\" is not FROM-TO in seconds — expected {ValidForm}";
            return false;
        }

        if (from >= to)
        {
            error = $"{prefix}: FROM must be before TO — expected {ValidForm}";
            return false;
        }

        if (from > lastDue)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{prefix}: the window starts after the last request is due at {lastDue.TotalSeconds:0.###}s — expected a window within the run, e.g. FROM below {lastDue.TotalSeconds:0.###}");
            return false;
        }

        slowdown = new Slowdown(endpoint, latency, from, to);
        error = "";
        return true;
    }

    private static bool Seconds(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) || seconds > DurationParser.Maximum.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
