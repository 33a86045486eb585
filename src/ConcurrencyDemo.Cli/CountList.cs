using System.Globalization;

namespace ConcurrencyDemo.Cli;

/// <summary>Parses a comma-separated list of whole numbers such as <c>1,10,100</c>.</summary>
internal static class CountList
{
    public static bool TryParse(string text, int min, int max, out IReadOnlyList<int> values)
    {
        var list = new List<int>();
        values = list;
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
            {
                return false;
            }

            list.Add(n);
        }

        return list.Count > 0;
    }
}
