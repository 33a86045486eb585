using ConcurrencyDemo.Running;

namespace ConcurrencyDemo.Sweeps;

/// <summary>One run of a sweep.</summary>
/// <param name="Value">The parameter's value as a number (threads, rps, or latency in ms) for the chart's x axis.</param>
/// <param name="Label">The value as the user wrote it.</param>
/// <param name="Result">The run.</param>
/// <param name="TheoryRate">Successes per second Little's law expects.</param>
/// <param name="ResidentBytes">Memory the sync threads cost, resident: measured on the real clock, threads × per-thread cost on the virtual clock; null when unknown.</param>
/// <param name="VirtualBytes">The same, as reserved address space.</param>
public sealed record SweepPoint(double Value, string Label, RunResult Result, double TheoryRate, long? ResidentBytes, long? VirtualBytes);
