using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;

namespace ConcurrencyDemo.Cli;

/// <summary>Writes a run's charts and JSON into the output folder, each file atomically.</summary>
internal static class ResultFiles
{
    /// <summary>Writes the files and returns one line per file: "Wrote PATH" or "Replaced PATH".</summary>
    public static IReadOnlyList<string> Write(RunResult result, string folder)
    {
        var written = new List<string>();
        foreach (ChartRenderer.Chart chart in ChartRenderer.RenderAll(result))
        {
            written.Add(OutputFile.Write(Path.Combine(folder, chart.FileName), chart.Png));
        }

        written.Add(OutputFile.Write(Path.Combine(folder, $"{result.Scenario.Name}.json"), JsonReport.Serialize(result)));
        return written;
    }
}
