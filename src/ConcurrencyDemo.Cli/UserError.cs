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
            stderr.WriteLine($"{Tool}: error: {Printable(problem.ReplaceLineEndings(" "))}");
        }

        return ExitCodes.UserError;
    }

    /// <summary>
    /// Escapes control characters (an escape sequence or a bell typed into an argument must not act on
    /// the user's terminal, and a newline must not split the one-line message).
    /// </summary>
    public static string Printable(string text) =>
        text.Any(char.IsControl)
            ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
            : text;
}
