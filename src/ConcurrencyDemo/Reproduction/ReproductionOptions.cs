namespace ConcurrencyDemo.Reproduction;

/// <summary>How much of the article to re-measure.</summary>
/// <param name="Quick">Fewer requests on the real clock (a few minutes in all).</param>
/// <param name="VirtualOnly">Only the virtual clock and the memory probes: seconds, deterministic (for tests and a first look).</param>
public sealed record ReproductionOptions(bool Quick, bool VirtualOnly)
{
    /// <summary>
    /// Requests for the real-clock runs of E1, E2, E5 at <paramref name="rate"/> (the article used 10 000).
    /// Quick runs last 4 s whatever the rate, so that the rate window keeps whole seconds between the
    /// partial first and last ones (a 1.5 s run would fall back to the whole-run rate).
    /// </summary>
    public long RealRequestsAt(double rate) => Quick ? (long)Math.Ceiling(rate * 4) : 10_000;

    /// <summary>Requests for E7's real-clock run (the article used 100 000).</summary>
    public long E7Requests => Quick ? 30_000 : 100_000;

    /// <summary>Requests for each E8 sweep point.</summary>
    public long E8Requests => Quick ? 20_000 : 100_000;

    /// <summary>Thread counts E6 measures.</summary>
    public IReadOnlyList<int> MemoryThreads => VirtualOnly ? [1, 10, 100, 1000] : [1, 10, 100, 1000, 10000];

    /// <summary>Pending request counts E6 measures.</summary>
    public IReadOnlyList<int> MemoryRequests => VirtualOnly ? [1, 1000] : [1, 1000, 100_000];
}
