using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;

namespace ConcurrencyDemo.Cli;

/// <summary>Writes a run's charts and JSON into the output folder, each file atomically.</summary>
internal static class ResultFiles
{
    public static IReadOnlyList<string> Write(RunResult result, string folder)
    {
        var written = new List<string>();
        foreach (ChartRenderer.Chart chart in ChartRenderer.RenderAll(result))
        {
            string path = Path.Combine(folder, chart.FileName);
            AtomicFile.WriteAllBytes(path, chart.Png);
            written.Add(path);
        }

        string json = Path.Combine(folder, $"{result.Scenario.Name}.json");
        AtomicFile.WriteAllText(json, JsonReport.Serialize(result));
        written.Add(json);
        return written;
    }
}
