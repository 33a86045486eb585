namespace ConcurrencyDemo.Cli;

/// <summary>Prints user errors the one way: one line each on stderr, prefixed with the tool's name.</summary>
internal static class UserError
{
    public const string Tool = "concurrency-demo-benchmarks";

    public static int Report(TextWriter stderr, IEnumerable<string> problems)
    {
        foreach (string problem in problems)
        {
            // One line per problem, whatever the message contained.
            stderr.WriteLine($"{Tool}: error: {problem.ReplaceLineEndings(" ")}");
        }

        return ExitCodes.UserError;
    }
}
