using ConcurrencyDemo.Cli;
using ConcurrencyDemo.Reproduction;

namespace ConcurrencyDemo.Tests.Cli;

public sealed class MicroBenchmarkResultsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cdb-bdn-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FindLatest_NoResults_IsNull() => Assert.Null(MicroBenchmarkResults.FindLatest(_root));

    [Fact]
    public void FindLatest_ReadsBenchmarkDotNetCsvReport()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_root, "BenchmarkDotNet.Artifacts", "results")).FullName;
        File.WriteAllText(Path.Combine(folder, "ConcurrencyDemo.Benchmarks.IncrementBenchmarks-report.csv"), "Method,Mean,Ratio\nBatched,64.6 ns,1.00\nAtomic,7.3 us,113.00\n");
        // Written later, but another question (contention), so not E9's table.
        File.WriteAllText(Path.Combine(folder, "ConcurrencyDemo.Benchmarks.ContendedIncrementBenchmarks-report.csv"), "Method,Mean,Ratio\nOther,1 ns,1.00\n");

        MicroBenchmarkTable? table = MicroBenchmarkResults.FindLatest(_root);

        Assert.NotNull(table);
        Assert.Equal(["Batched", "Atomic"], table.Rows.Select(r => r.Method));
        Assert.EndsWith("IncrementBenchmarks-report.csv", table.Source, StringComparison.Ordinal);
    }
}
