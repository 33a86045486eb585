using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Playground;

/// <summary>
/// Reads the page's fields exactly as the command line reads its options: the tool supplies it, so
/// the playground has one source of controls and one validation, the command line's.
/// </summary>
public interface IPlaygroundScenarios
{
    /// <summary>The controls, in the order the page shows them.</summary>
    IReadOnlyList<PlaygroundControl> Controls { get; }

    /// <summary>The fields of the first view (a query string without '?').</summary>
    string StartQuery { get; }

    /// <summary>
    /// The scenarios the <paramref name="fields"/> describe on <paramref name="clock"/> (keys are
    /// <see cref="PlaygroundControl.Key"/>s, already checked to be known, each at most once unless repeatable).
    /// </summary>
    PlaygroundScenarios Read(IReadOnlyList<KeyValuePair<string, string>> fields, ClockKind clock);
}
