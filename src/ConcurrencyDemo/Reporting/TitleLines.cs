namespace ConcurrencyDemo.Reporting;

/// <summary>
/// Breaks a chart's subtitle into lines short enough for the chart: a long scenario name and its
/// latency list are wider than the data area, and ScottPlot centres a title there and clips what overflows.
/// </summary>
public static class TitleLines
{
    /// <summary>
    /// The longest line, in characters: 64 characters of DejaVu Sans at the titles' 15 px are about
    /// 530 px, inside the data area of the smallest chart drawn (the playground's 820 px wide, less its
    /// axis and legend).
    /// </summary>
    public const int MaxChars = 64;

    /// <summary>
    /// Breaks <paramref name="text"/> after ", " or ": " so that no line is longer than
    /// <paramref name="maxChars"/>; a single piece longer than that is cut at the limit.
    /// </summary>
    public static string Wrap(string text, int maxChars = MaxChars)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string piece in Pieces(text))
        {
            if (line.Length > 0 && line.Length + piece.TrimEnd().Length > maxChars)
            {
                lines.Add(line.TrimEnd());
                line = "";
            }

            line += piece;
            while (line.TrimEnd().Length > maxChars)
            {
                lines.Add(line[..maxChars]);
                line = line[maxChars..];
            }
        }

        if (line.Trim().Length > 0)
        {
            lines.Add(line.TrimEnd());
        }

        return string.Join('\n', lines);
    }

    // Each piece ends with its separator (", " or ": "), so the text is the pieces joined.
    private static IEnumerable<string> Pieces(string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length - 1; i++)
        {
            if (text[i] is ',' or ':' && text[i + 1] == ' ')
            {
                yield return text[start..(i + 2)];
                start = i + 2;
                i++;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
