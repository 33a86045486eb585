namespace ConcurrencyDemo.Playground;

/// <summary>One problem with a request, in the command line's words.</summary>
/// <param name="Key">The field it is about (shown next to it), or null when it is about the whole scenario.</param>
/// <param name="Message">One line naming the problem and the valid form.</param>
public sealed record PlaygroundProblem(string? Key, string Message);
