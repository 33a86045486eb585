namespace ConcurrencyDemo.Reproduction;

/// <summary>One experiment of the article, re-measured.</summary>
/// <param name="Id">E1 … E9.</param>
/// <param name="Title">What the experiment shows.</param>
/// <param name="Commands">The commands that reproduce our runs, one per run.</param>
/// <param name="Article">The article's figure, quoted.</param>
/// <param name="Ours">Our figure, from this run.</param>
/// <param name="Theory">What Little's law (or the article's reasoning) predicts.</param>
/// <param name="Verdict">Matches, differs or not run.</param>
/// <param name="Why">The reason for the verdict, in a sentence.</param>
/// <param name="Table">An optional table of details; the first row is the header.</param>
/// <param name="Charts">Charts, sync on the left where there is a pair.</param>
/// <param name="Took">How long the experiment took to run.</param>
public sealed record ExperimentResult(
    string Id,
    string Title,
    IReadOnlyList<string> Commands,
    string Article,
    string Ours,
    string Theory,
    Verdict Verdict,
    string Why,
    IReadOnlyList<IReadOnlyList<string>> Table,
    IReadOnlyList<ExperimentChart> Charts,
    TimeSpan Took)
{
    /// <summary>The rule and tolerance the verdict applied, in words; empty for an experiment that did not run.</summary>
    public string Rule { get; init; } = "";
}
