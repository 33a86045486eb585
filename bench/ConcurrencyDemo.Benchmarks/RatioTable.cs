using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Reports;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// The article's table (E9) computed from BenchmarkDotNet's own results: for each group, every
/// case's operations per second and its ratio to the batched baseline. Printed after the run and
/// written as <c>e9-ratios.md</c> and <c>e9-ratios.json</c> into BenchmarkDotNet's results folder.
/// </summary>
internal static class RatioTable
{
    public const string FileStem = "e9-ratios";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static void PrintAndSave(IReadOnlyList<Summary> summaries, TextWriter output)
    {
        List<RatioRow> rows = summaries.SelectMany(Rows).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        string markdown = Markdown(rows);
        output.WriteLine();
        output.WriteLine("// * The article's table (E9): operations of 1000 increments/additions, ratio to batched *");
        output.WriteLine(markdown);

        string folder = summaries[0].ResultsDirectoryPath;
        Directory.CreateDirectory(folder);
        string md = Path.Combine(folder, $"{FileStem}.md");
        string json = Path.Combine(folder, $"{FileStem}.json");
        AtomicFile.WriteAllText(md, markdown);
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(rows, s_json));
        output.WriteLine($"Ratio table written to {md} and {json}");
    }

    private static IEnumerable<RatioRow> Rows(Summary summary)
    {
        // Only the article's comparisons, which all have a batched baseline; the simulator benchmark has none.
        if (!summary.Reports.Any(r => r.BenchmarkCase.Descriptor.Baseline))
        {
            yield break;
        }

        var byGroup = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .GroupBy(r => Group(r));
        foreach (var group in byGroup)
        {
            BenchmarkReport? baseline = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
            double? baselineNs = baseline?.ResultStatistics!.Mean;
            foreach (BenchmarkReport report in group)
            {
                double meanNs = report.ResultStatistics!.Mean;
                yield return new RatioRow(
                    group.Key,
                    report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                    meanNs / 1000.0,
                    1e9 / meanNs,
                    baselineNs / meanNs,
                    meanNs / baselineNs);
            }
        }
    }

    private static string Group(BenchmarkReport report)
    {
        string type = report.BenchmarkCase.Descriptor.Type.Name;
        string parameters = report.BenchmarkCase.Parameters.DisplayInfo;
        return string.IsNullOrEmpty(parameters) ? type : $"{type} {parameters}";
    }

    private static string Markdown(IReadOnlyList<RatioRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| group | case | µs per 1000 | operations/s | ratio | × slower |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (RatioRow row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Group} | {row.Case} | {row.MicrosecondsPer1000:0.0000} | {row.OperationsPerSecond:0} | {Format(row.Ratio, "0.000000")} | {Format(row.TimesSlower, "0.0")} |"));
        }

        return text.ToString();
    }

    private static string Format(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
}
