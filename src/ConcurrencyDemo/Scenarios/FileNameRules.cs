namespace ConcurrencyDemo.Scenarios;

/// <summary>What a test-case name must look like to be used safely inside output file names.</summary>
public static class FileNameRules
{
    /// <summary>Returns why <paramref name="name"/> is not a safe file-name part, or null if it is.</summary>
    public static string? Check(string name)
    {
        if (name.Length == 0)
        {
            return "empty name";
        }

        if (name.Length > ScenarioBuilder.MaxNameLength)
        {
            return $"longer than {ScenarioBuilder.MaxNameLength} characters";
        }

        if (name is "." or ".." || name.StartsWith('.'))
        {
            return $"\"{Printable(name)}\" starts with '.'";
        }

        foreach (char c in name)
        {
            bool allowed = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!allowed)
            {
                return $"\"{Printable(name)}\" contains '{Printable(c.ToString())}', which is not safe in a file name";
            }
        }

        return null;
    }

    // Control characters would garble the one-line error message; show them escaped.
    private static string Printable(string s) =>
        string.Concat(s.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}
