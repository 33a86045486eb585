namespace ConcurrencyDemo.Memory;

/// <summary>
/// The figures the article published (measured by its author on 4 cores, Intel Xeon 2.30 GHz), quoted
/// so that a report can put ours beside them. Nothing here is a result of ours.
/// </summary>
public static class ArticleFigures
{
    /// <summary>E6: pmap totals (virtual) for the async mode, with MALLOC_ARENA_MAX=1.</summary>
    public const long AsyncProcessBytes = 13_748L * 1024;

    /// <summary>E6: pmap totals (virtual) for the sync mode by thread count, with MALLOC_ARENA_MAX=1.</summary>
    public static IReadOnlyDictionary<int, long> SyncProcessBytesByThreads { get; } = new Dictionary<int, long>
    {
        [1] = 15_812L * 1024,
        [10] = 34_388L * 1024,
        [100] = 220_280L * 1024,
        [1000] = 2_079_200L * 1024,
        [10000] = 20_668_660L * 1024,
    };

    /// <summary>E6: the article's per-thread figure, from its 1 and 10 000 thread totals (~2 MB).</summary>
    public static double VirtualBytesPerThread =>
        (SyncProcessBytesByThreads[10000] - SyncProcessBytesByThreads[1]) / 9999.0;

    /// <summary>E7: memory of the async mode at 10 000 rps (~0.03 GB).</summary>
    public const long AsyncAt10kRpsBytes = 30L * 1000 * 1000;
}
