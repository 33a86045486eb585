namespace ConcurrencyDemo.Reproduction;

/// <summary>The rows of a BenchmarkDotNet CSV report (E9) and where they came from.</summary>
public sealed record MicroBenchmarkTable(string Source, IReadOnlyList<MicroBenchmarkRow> Rows)
{
    /// <summary>Parses BenchmarkDotNet's <c>*-report.csv</c>; null when it has no Method and Mean columns.</summary>
    public static MicroBenchmarkTable? ParseCsv(string source, string csv)
    {
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
        {
            return null;
        }

        char separator = lines[0].Contains(';', StringComparison.Ordinal) && !lines[0].Contains(',', StringComparison.Ordinal) ? ';' : ',';
        List<string> header = SplitCsv(lines[0], separator);
        int method = header.IndexOf("Method");
        int mean = header.IndexOf("Mean");
        int ratio = header.IndexOf("Ratio");
        if (method < 0 || mean < 0)
        {
            return null;
        }

        var rows = new List<MicroBenchmarkRow>();
        foreach (string line in lines.Skip(1))
        {
            List<string> cells = SplitCsv(line, separator);
            if (cells.Count > Math.Max(method, mean))
            {
                rows.Add(new MicroBenchmarkRow(cells[method], cells[mean], ratio >= 0 && ratio < cells.Count ? cells[ratio] : null));
            }
        }

        return new MicroBenchmarkTable(source, rows);
    }

    /// <summary>Mean in nanoseconds of the first row whose method contains <paramref name="namePart"/> (case-insensitive); null when none or unreadable.</summary>
    public double? MeanNanoseconds(string namePart, string? excluding = null)
    {
        MicroBenchmarkRow? row = Rows.FirstOrDefault(r =>
            r.Method.Contains(namePart, StringComparison.OrdinalIgnoreCase)
            && (excluding is null || !r.Method.Contains(excluding, StringComparison.OrdinalIgnoreCase)));
        if (row is null)
        {
            return null;
        }

        // BenchmarkDotNet prints e.g. "64.60 ns", "7,311.0 ns", "7.311 us" or "7.311 μs".
        string[] parts = row.Mean.Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
        {
            return null;
        }

        double? scale = parts[1] switch
        {
            "ns" => 1,
            "us" or "μs" or "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            _ => null,
        };
        return scale is { } f ? value * f : null;
    }

    private static List<string> SplitCsv(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }
}
