namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// A user error in a scenario: every problem found, one line each, each naming the valid form.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public ScenarioException(string problem)
        : this([problem])
    {
    }

    public ScenarioException()
        : this("invalid scenario")
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
