using ConcurrencyDemo.Reporting;

namespace ConcurrencyDemo.Cli;

/// <summary>Writes one output file atomically and says what happened to it: written, or an earlier file replaced.</summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> and returns the line to print about it.</summary>
    public static string Write(string path, ReadOnlySpan<byte> contents)
    {
        bool existed = File.Exists(path);
        AtomicFile.WriteAllBytes(path, contents);
        return existed ? $"Replaced {path}" : $"Wrote {path}";
    }

    /// <summary>Writes UTF-8 <paramref name="text"/> to <paramref name="path"/> and returns the line to print about it.</summary>
    public static string Write(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));
}
