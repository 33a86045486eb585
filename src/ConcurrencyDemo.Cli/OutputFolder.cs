namespace ConcurrencyDemo.Cli;

/// <summary>
/// The output folder: checked before a run starts, created when missing (as wrk2/k6 users expect a
/// tool to do with a folder it is told to write into), and said so on stderr.
/// </summary>
internal static class OutputFolder
{
    /// <summary>Returns the problem with <paramref name="path"/>, or null when it is usable or can be created. Writes nothing.</summary>
    public static string? Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "--output: empty — expected a folder to write into, e.g. --output out";
        }

        if (File.Exists(path))
        {
            return $"--output: \"{path}\" is a file — expected a folder to write into, e.g. --output out";
        }

        return null;
    }

    /// <summary>
    /// Checks <paramref name="path"/>, creates it when it does not exist (saying so on
    /// <paramref name="stderr"/>) and checks that it can be written. Returns the problem, or null.
    /// Call it once every other input is known to be valid, so that bad input writes nothing.
    /// </summary>
    public static string? Prepare(string path, TextWriter stderr)
    {
        if (Check(path) is { } problem)
        {
            return problem;
        }

        if (!Directory.Exists(path))
        {
            try
            {
                Directory.CreateDirectory(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                string why = e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
                return $"--output: folder \"{path}\" does not exist and cannot be created ({why}) — expected a folder you can write into, e.g. --output /tmp/out";
            }

            stderr.WriteLine($"{UserError.Tool}: created folder {path}");
        }

        string probe = Path.Combine(path, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = e is UnauthorizedAccessException ? "permission denied" : "creating a file there failed";
            return $"--output: folder \"{path}\" cannot be written ({why}) — expected a writable folder, e.g. --output /tmp";
        }
    }

    /// <summary>Free bytes on the file system that holds (or will hold) <paramref name="path"/>, or null if it cannot be told.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            // A folder still to be created lives on the file system of its nearest existing parent.
            string? existing = Path.GetFullPath(path);
            while (existing is not null && !Directory.Exists(existing))
            {
                existing = Path.GetDirectoryName(existing);
            }

            return existing is null ? null : new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
