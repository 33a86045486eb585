namespace ConcurrencyDemo.Engines;

/// <summary>
/// How long an interrupted real-clock run waits for calls already in flight before giving up on
/// them (they are then counted as unfinished). The same for every engine, so that sync and async
/// runs interrupted at the same moment report comparable figures.
/// </summary>
public static class CancelGrace
{
    /// <summary>2 s: long enough for the article's 20–200 ms calls to finish, short enough for a user who pressed Ctrl+C.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);
}
