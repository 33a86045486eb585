using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Playground;

/// <summary>
/// What a set of fields means: the sync and async scenarios to run side by side and the command that
/// prints the same numbers, or the problems that stop them (then both scenarios are null).
/// </summary>
public sealed record PlaygroundScenarios(Scenario? Sync, Scenario? Async, string Command, IReadOnlyList<PlaygroundProblem> Problems)
{
    /// <summary>Fields that do not make a scenario.</summary>
    public static PlaygroundScenarios Invalid(IReadOnlyList<PlaygroundProblem> problems) => new(null, null, "", problems);
}
