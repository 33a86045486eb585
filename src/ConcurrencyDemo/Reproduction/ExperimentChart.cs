namespace ConcurrencyDemo.Reproduction;

/// <summary>A rendered chart of an experiment with its caption.</summary>
public sealed record ExperimentChart(string Caption, byte[] Png);
