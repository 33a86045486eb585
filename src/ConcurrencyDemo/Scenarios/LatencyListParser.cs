using System.Globalization;

namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// Parses the <c>--latency</c> list: comma-separated endpoint latencies, each optionally repeated with
/// <c>*COUNT</c>. <c>20ms*9,30s</c> is nine endpoints answering in 20 ms and one in 30 s.
/// </summary>
public static class LatencyListParser
{
    /// <summary>More endpoints than this is a typo, and would make per-endpoint state large.</summary>
    public const int MaxEndpoints = 100_000;

    /// <summary>The valid form, for error messages.</summary>
    public const string ValidForm = "comma-separated VALUE or VALUE*COUNT, e.g. \"20ms*9,30s\"";

    /// <summary>Parses <paramref name="text"/> into one latency per endpoint, in order.</summary>
    public static bool TryParse(string text, out IReadOnlyList<TimeSpan> latencies, out string error)
    {
        latencies = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"--latency: empty — expected {ValidForm}";
            return false;
        }

        var result = new List<TimeSpan>();
        foreach (string rawItem in text.Split(','))
        {
            string item = rawItem.Trim();
            if (item.Length == 0)
            {
                error = $"--latency: \"{text}\" has an empty item — expected {ValidForm}";
                return false;
            }

            if (!TryParseItem(item, out TimeSpan latency, out int count, out string itemError))
            {
                error = $"--latency: \"{item}\" — {itemError}; expected {ValidForm}";
                return false;
            }

            if (result.Count + (long)count > MaxEndpoints)
            {
                error = $"--latency: more than {MaxEndpoints} endpoints — expected {ValidForm}";
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                result.Add(latency);
            }
        }

        latencies = result;
        error = "";
        return true;
    }

    private static bool TryParseItem(string item, out TimeSpan latency, out int count, out string error)
    {
        latency = TimeSpan.Zero;
        count = 1;
        string[] parts = item.Split('*');
        if (parts.Length > 2)
        {
            error = "more than one '*'";
            return false;
        }

        if (parts.Length == 2)
        {
            string countText = parts[1].Trim();
            if (countText.Length == 0 || !countText.All(c => c is >= '0' and <= '9'))
            {
                error = $"count \"{countText}\" is not a positive whole number";
                return false;
            }

            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > MaxEndpoints)
            {
                error = $"count \"{countText}\" is larger than {MaxEndpoints}";
                return false;
            }

            if (count == 0)
            {
                error = "count must be at least 1";
                return false;
            }
        }

        if (!DurationParser.TryParse(parts[0], out latency, out string durationError))
        {
            error = durationError;
            return false;
        }

        error = "";
        return true;
    }
}
