using ConcurrencyDemo.Reproduction;

namespace ConcurrencyDemo.Tests.Reproduction;

public sealed class MicroBenchmarkTableTests
{
    [Fact]
    public void ParseCsv_BenchmarkDotNetReport_ReadsMethodMeanAndRatio()
    {
        const string csv = """
            Method,Job,Mean,Error,StdDev,Ratio
            Batched,DefaultJob,64.60 ns,0.1 ns,0.1 ns,1.00
            Atomic,DefaultJob,"7,311.0 ns",1 ns,1 ns,113.17
            """;
        MicroBenchmarkTable? table = MicroBenchmarkTable.ParseCsv("x.csv", csv);
        Assert.NotNull(table);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(new MicroBenchmarkRow("Atomic", "7,311.0 ns", "113.17"), table.Rows[1]);
    }

    [Fact]
    public void ParseCsv_WithoutMethodColumn_IsNull() =>
        Assert.Null(MicroBenchmarkTable.ParseCsv("x.csv", "A,B\n1,2\n"));
}
