using System.Text;
using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Reproduction;

/// <summary>The reproduction's summary table as Markdown (report.md), the same rows as the HTML page.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the table with a heading line.</summary>
    public static string Render(ReproductionReport report, string generatedAt)
    {
        var md = new StringBuilder();
        string mode = report.Options.VirtualOnly ? "virtual clock only" : report.Options.Quick ? "quick" : "full";
        md.AppendLine(report.Interrupted ? "# The article, re-measured (PARTIAL: interrupted)" : "# The article, re-measured");
        md.AppendLine();
        md.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Run: {mode}, {report.Took.TotalSeconds:0} s, on {report.Machine}, {generatedAt}.");
        md.AppendLine();
        md.AppendLine("| id | experiment | article | ours | theory | verdict |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (ExperimentResult x in report.Experiments)
        {
            md.AppendLine($"| {x.Id} | {Cell(x.Title)} | {Cell(x.Article)} | {Cell(x.Ours)} | {Cell(x.Theory)} | **{VerdictText.Of(x.Verdict)}**: {Cell(x.Why)}{(x.Rule.Length > 0 ? $" (rule: {Cell(x.Rule)})" : "")} |");
        }

        md.AppendLine();
        md.AppendLine("Commands:");
        md.AppendLine();
        foreach (ExperimentResult x in report.Experiments)
        {
            foreach (string command in x.Commands)
            {
                md.AppendLine($"- {x.Id}: `{command}`");
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
