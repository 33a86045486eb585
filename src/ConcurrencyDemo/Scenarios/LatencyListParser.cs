using System.Globalization;

namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// Parses the <c>--latency</c> list: comma-separated endpoint latencies, each optionally repeated with
/// <c>*COUNT</c>. <c>20ms*9,30s</c> is nine endpoints answering in 20 ms and one in 30 s. An item may
/// be a distribution (<see cref="LatencyDistributionParser"/>), e.g. <c>exp(20ms)*10</c>.
/// </summary>
public static class LatencyListParser
{
    /// <summary>More endpoints than this is a typo, and would make per-endpoint state large.</summary>
    public const int MaxEndpoints = 100_000;

    /// <summary>The valid form, for error messages.</summary>
    public const string ValidForm = "comma-separated VALUE or VALUE*COUNT, e.g. \"20ms*9,30s\"; a VALUE may be a distribution: " + LatencyDistributionParser.DistributionForms;

    /// <summary>Parses <paramref name="text"/> into one latency per endpoint, in order; a distribution gives its mean.</summary>
    public static bool TryParse(string text, out IReadOnlyList<TimeSpan> latencies, out string error)
    {
        bool ok = TryParseDistributions(text, out IReadOnlyList<LatencyDistribution> distributions, out error);
        latencies = ok ? [.. distributions.Select(d => d.Mean)] : [];
        return ok;
    }

    /// <summary>Parses <paramref name="text"/> into one latency distribution per endpoint, in order.</summary>
    public static bool TryParseDistributions(string text, out IReadOnlyList<LatencyDistribution> latencies, out string error)
    {
        latencies = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"--latency: empty — expected {ValidForm}";
            return false;
        }

        var result = new List<LatencyDistribution>();
        foreach (string rawItem in SplitTopLevel(text))
        {
            string item = rawItem.Trim();
            if (item.Length == 0)
            {
                error = $"--latency: \"{text}\" has an empty item — expected {ValidForm}";
                return false;
            }

            if (!TryParseItem(item, out LatencyDistribution latency, out int count, out string itemError))
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

    /// <summary>Splits at the commas outside parentheses: a distribution's arguments stay together.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var items = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                items.Add(text[start..i]);
                start = i + 1;
            }
        }

        items.Add(text[start..]);
        return items;
    }

    private static bool TryParseItem(string item, out LatencyDistribution latency, out int count, out string error)
    {
        latency = new FixedLatency(TimeSpan.Zero);
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

        if (!LatencyDistributionParser.TryParse(parts[0], out latency, out string durationError))
        {
            error = durationError;
            return false;
        }

        error = "";
        return true;
    }
}
