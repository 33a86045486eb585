namespace ConcurrencyDemo.Engines;

/// <summary>Blocks the calling thread for at least a duration, as a blocking I/O call would.</summary>
internal static class BlockingSleep
{
    /// <summary>Sleeps at least <paramref name="duration"/> (rounded up to whole ms, as Thread.Sleep only has ms).</summary>
    public static void AtLeast(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        Thread.Sleep((int)Math.Ceiling(duration.TotalMilliseconds));
    }
}
