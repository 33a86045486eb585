using ConcurrencyDemo.Reproduction;

namespace ConcurrencyDemo.Cli;

/// <summary>Finds the E9 micro-benchmark results BenchmarkDotNet wrote, if any.</summary>
internal static class MicroBenchmarkResults
{
    /// <summary>Where <c>dotnet run -c Release --project bench/ConcurrencyDemo.Benchmarks -- --filter '*'</c> leaves its reports, relative to the folder it ran in.</summary>
    public static readonly string[] Folders =
    [
        Path.Combine("BenchmarkDotNet.Artifacts", "results"),
        Path.Combine("bench", "ConcurrencyDemo.Benchmarks", "BenchmarkDotNet.Artifacts", "results"),
    ];

    /// <summary>The newest BenchmarkDotNet CSV report under <paramref name="root"/>'s known folders, parsed; null when there is none.</summary>
    public static MicroBenchmarkTable? FindLatest(string root)
    {
        FileInfo? newest = Folders
            .Select(f => new DirectoryInfo(Path.Combine(root, f)))
            .Where(d => d.Exists)
            // E9 is the single-threaded increment benchmark; the contended and false-sharing ones are other questions.
            .SelectMany(d => d.EnumerateFiles("*-report.csv"))
            .Where(f => f.Name.Contains("IncrementBenchmarks", StringComparison.Ordinal) && !f.Name.Contains("Contended", StringComparison.Ordinal))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .FirstOrDefault();
        return newest is null ? null : MicroBenchmarkTable.ParseCsv(Path.GetRelativePath(root, newest.FullName), File.ReadAllText(newest.FullName));
    }
}
