namespace ConcurrencyDemo.Reproduction;

/// <summary>
/// One experiment of <c>reproduce</c>: runs its scenarios, states its verdict rule and tolerance, and
/// returns a finished result that the reports only render. Adding an experiment is adding a file
/// with a type that implements this (and has a parameterless constructor).
/// </summary>
internal interface IExperiment
{
    /// <summary>E1, E2, …: the report's order.</summary>
    string Id { get; }

    /// <summary>What runs, for the progress line.</summary>
    string What { get; }

    /// <summary>Runs the experiment.</summary>
    ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken);
}
