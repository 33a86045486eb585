namespace ConcurrencyDemo.Cli;

/// <summary>Checks, before a run starts, that the output folder exists and can be written.</summary>
internal static class OutputFolder
{
    /// <summary>Returns the problem with <paramref name="path"/>, or null when it is usable.</summary>
    public static string? Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "--output: empty — expected an existing, writable folder, e.g. --output out";
        }

        if (File.Exists(path))
        {
            return $"--output: \"{path}\" is a file — expected an existing, writable folder, e.g. --output out";
        }

        if (!Directory.Exists(path))
        {
            return $"--output: folder \"{path}\" does not exist — create it first (mkdir -p {path}) or name an existing folder";
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

    /// <summary>Free bytes on the file system holding <paramref name="path"/>, or null if it cannot be told.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
