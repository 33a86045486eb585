using System.Buffers.Text;
using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace ConcurrencyDemo.Recording;

/// <summary>
/// This process's memory and thread count, from <c>/proc/self/status</c> on Linux (the kernel's own
/// figures: VmSize virtual, VmRSS resident, VmHWM peak resident), with a portable fallback elsewhere.
/// </summary>
public readonly record struct ProcessStatus(long VirtualBytes, long ResidentBytes, long PeakResidentBytes, int Threads)
{
    private const string StatusPath = "/proc/self/status";
    private const string ClearRefsPath = "/proc/self/clear_refs";

    // A run reads the file ten times a second while it measures: one handle, kept open and read from
    // offset 0 each time (the kernel writes the file afresh then), into one buffer, so a read allocates nothing.
    private static readonly Lock s_lock = new();
    private static readonly byte[] s_buffer = new byte[16 * 1024];
    private static SafeFileHandle? s_status;

    /// <summary>
    /// Resets the kernel's peak resident figure (VmHWM) to the current resident size, so that the next
    /// <see cref="Read"/> gives the peak since now rather than since the process started. Linux only
    /// (writing "5" to <c>/proc/self/clear_refs</c>); returns false where that is not possible.
    /// </summary>
    public static bool TryResetPeakResident()
    {
        try
        {
            File.WriteAllText(ClearRefsPath, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Reads the current figures.</summary>
    public static ProcessStatus Read()
    {
        if (OperatingSystem.IsLinux() && File.Exists(StatusPath))
        {
            lock (s_lock)
            {
                s_status ??= File.OpenHandle(StatusPath);
                int length = RandomAccess.Read(s_status, s_buffer, fileOffset: 0);
                ReadOnlySpan<byte> text = s_buffer.AsSpan(0, length);
                return new ProcessStatus(
                    Kilobytes(text, "VmSize:"u8),
                    Kilobytes(text, "VmRSS:"u8),
                    Kilobytes(text, "VmHWM:"u8),
                    (int)Number(text, "Threads:"u8));
            }
        }

        using Process self = Process.GetCurrentProcess();
        return new ProcessStatus(self.VirtualMemorySize64, self.WorkingSet64, self.PeakWorkingSet64, self.Threads.Count);
    }

    // "VmRSS:     12345 kB"
    private static long Kilobytes(ReadOnlySpan<byte> text, ReadOnlySpan<byte> field) => Number(text, field) * 1024;

    /// <summary>The number after <paramref name="field"/> at the start of a line; 0 when the line is missing.</summary>
    private static long Number(ReadOnlySpan<byte> text, ReadOnlySpan<byte> field)
    {
        int at = text.StartsWith(field) ? 0 : FindAtLineStart(text, field);
        if (at < 0)
        {
            return 0;
        }

        ReadOnlySpan<byte> rest = text[(at + field.Length)..].TrimStart(" \t"u8);
        return Utf8Parser.TryParse(rest, out long value, out _) ? value : 0;
    }

    private static int FindAtLineStart(ReadOnlySpan<byte> text, ReadOnlySpan<byte> field)
    {
        int from = 0;
        while (true)
        {
            int newline = text[from..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return -1;
            }

            from += newline + 1;
            if (text[from..].StartsWith(field))
            {
                return from;
            }
        }
    }
}
