namespace ConcurrencyDemo.Benchmarks;

/// <summary>One row of the article's table: a benchmark case against the batched baseline of its group.</summary>
/// <param name="Group">Benchmark class and parameters, e.g. <c>ContendedIncrementBenchmarks Threads=2</c>.</param>
/// <param name="Case">The benchmark's description, e.g. <c>Interlocked</c>.</param>
/// <param name="MicrosecondsPer1000">Mean time of one operation (1000 increments or additions), µs.</param>
/// <param name="OperationsPerSecond">Operations (of 1000) per second: the article's "operations".</param>
/// <param name="Ratio">Operations relative to the baseline: the article's ratio column (batched = 1).</param>
/// <param name="TimesSlower">Mean time over the baseline's: how many times slower than batched.</param>
internal sealed record RatioRow(string Group, string Case, double MicrosecondsPer1000, double OperationsPerSecond, double? Ratio, double? TimesSlower);
