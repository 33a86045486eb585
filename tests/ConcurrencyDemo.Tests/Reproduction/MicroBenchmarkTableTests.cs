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

    [Theory]
    [InlineData("64.60 ns", 64.6)]
    [InlineData("7,311.0 ns", 7311)]
    [InlineData("7.311 μs", 7311)]
    [InlineData("23.123 us", 23123)]
    public void MeanNanoseconds_ReadsBenchmarkDotNetUnits(string mean, double expected)
    {
        var table = new MicroBenchmarkTable("x", [new MicroBenchmarkRow("Mutex", mean, null)]);
        Assert.Equal(expected, table.MeanNanoseconds("mutex")!.Value, 6);
    }

    [Fact]
    public void MeanNanoseconds_Excluding_DoesNotTakeInterlockedForLock()
    {
        // Our benchmark's method names: "Interlocked" also contains "lock".
        var table = new MicroBenchmarkTable("x",
        [
            new MicroBenchmarkRow("batched", "495.3 ns", "1.00"),
            new MicroBenchmarkRow("Interlocked", "1,901.9 ns", "3.85"),
            new MicroBenchmarkRow("lock (Monitor)", "13,363.1 ns", "27.07"),
        ]);

        Assert.Equal(13363.1, table.MeanNanoseconds("lock", excluding: "interlocked")!.Value, 6);
        Assert.Equal(1901.9, table.MeanNanoseconds("lock")!.Value, 6);
    }
}
