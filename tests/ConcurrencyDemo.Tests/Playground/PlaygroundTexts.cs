namespace ConcurrencyDemo.Tests.Playground;

/// <summary>Reading the command line's output the way the playground's tests compare with it.</summary>
internal static class PlaygroundTexts
{
    public const string ErrorPrefix = "concurrency-demo-benchmarks: error: ";

    /// <summary>compare's console summary of one side (<paramref name="mode"/> sync: the left, whichever blocking mode it is).</summary>
    public static string CompareSummary(string stdout, string mode)
    {
        string sync = stdout.Contains("== threadpool (left) ==", StringComparison.Ordinal) ? "== threadpool (left) ==\n" : "== sync (left) ==\n";
        string async = "== async (right) ==\n";
        stdout = stdout.ReplaceLineEndings("\n");
        int syncAt = stdout.IndexOf(sync, StringComparison.Ordinal);
        int asyncAt = stdout.IndexOf(async, StringComparison.Ordinal);
        Assert.True(syncAt >= 0 && asyncAt > syncAt, stdout);
        if (mode == "sync")
        {
            return stdout[(syncAt + sync.Length)..asyncAt];
        }

        string rest = stdout[(asyncAt + async.Length)..];
        // The files compare writes are listed after the summary, each on a line naming a path.
        int files = new[] { rest.IndexOf("\nWrote ", StringComparison.Ordinal), rest.IndexOf("\nReplaced ", StringComparison.Ordinal) }.Where(i => i >= 0).DefaultIfEmpty(rest.Length - 1).Min();
        return rest[..(files + 1)];
    }

    /// <summary>Splits a command as a POSIX shell does for the words the playground writes (bare or single-quoted).</summary>
    public static string[] ShellWords(string command)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        bool inWord = false, quoted = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (quoted)
            {
                if (c == '\'')
                {
                    quoted = false;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c == '\'')
            {
                quoted = inWord = true;
            }
            else if (c == '\\' && i + 1 < command.Length)
            {
                word.Append(command[++i]);
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }
}
