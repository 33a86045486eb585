using System.Globalization;

namespace ConcurrencyDemo.Memory;

/// <summary>The soft stack size limit (<c>ulimit -s</c>) from /proc/self/limits, which glibc uses as the default thread stack reservation.</summary>
public static class StackLimit
{
    /// <summary>The soft limit in bytes, or null when unknown or unlimited.</summary>
    public static long? Read()
    {
        const string path = "/proc/self/limits";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (string line in File.ReadLines(path))
        {
            // "Max stack size            8388608              unlimited            bytes"
            if (line.StartsWith("Max stack size", StringComparison.Ordinal))
            {
                string[] parts = line["Max stack size".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft) ? soft : null;
            }
        }

        return null;
    }
}
