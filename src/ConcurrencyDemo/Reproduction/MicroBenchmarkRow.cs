namespace ConcurrencyDemo.Reproduction;

/// <summary>One row of a BenchmarkDotNet report, as text.</summary>
/// <param name="Method">The benchmark method.</param>
/// <param name="Mean">Mean time with its unit, as BenchmarkDotNet printed it.</param>
/// <param name="Ratio">Ratio to the baseline, when the report has one.</param>
public sealed record MicroBenchmarkRow(string Method, string Mean, string? Ratio);
