using ConcurrencyDemo.Memory;

namespace ConcurrencyDemo.Reproduction;

/// <summary>What experiments share: the options, the measurements the tool supplies, and results one experiment leaves for another.</summary>
/// <param name="Options">Quick / virtual-only.</param>
/// <param name="MeasureMemory">Measures blocked threads and pending requests (in fresh processes; the tool's business).</param>
/// <param name="MicroBenchmarks">Finds BenchmarkDotNet's results, or null.</param>
internal sealed record ExperimentContext(
    ReproductionOptions Options,
    Func<IReadOnlyList<int>, IReadOnlyList<int>, MemoryReport> MeasureMemory,
    Func<MicroBenchmarkTable?> MicroBenchmarks)
{
    /// <summary>E6's measurement, which E8 prices its threads with; null until E6 ran.</summary>
    public MemoryReport? Memory { get; set; }
}
