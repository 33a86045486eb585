namespace ConcurrencyDemo.Reproduction;

/// <summary>Every experiment of a reproduction run, ready to render.</summary>
/// <param name="Options">What was run.</param>
/// <param name="Machine">A one-line description of the machine it ran on.</param>
/// <param name="Experiments">E1 … E9 in order.</param>
/// <param name="Took">How long the whole reproduction took.</param>
/// <param name="Interrupted">True when Ctrl+C stopped it: the experiments after (and including) the interrupted one are "not run".</param>
public sealed record ReproductionReport(ReproductionOptions Options, string Machine, IReadOnlyList<ExperimentResult> Experiments, TimeSpan Took, bool Interrupted = false);
