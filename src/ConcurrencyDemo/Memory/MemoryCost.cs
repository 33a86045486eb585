namespace ConcurrencyDemo.Memory;

/// <summary>What one blocked thread or pending request costs: a sample minus the fresh-process baseline, divided by N.</summary>
/// <param name="Sample">The measurement with N held.</param>
/// <param name="VirtualPerUnit">Extra virtual size per thread/request, bytes.</param>
/// <param name="ResidentPerUnit">Extra resident memory per thread/request, bytes.</param>
public sealed record MemoryCost(MemorySample Sample, double VirtualPerUnit, double ResidentPerUnit)
{
    /// <summary>Cost per unit of <paramref name="sample"/> relative to <paramref name="baseline"/> (a sample with nothing held).</summary>
    public static MemoryCost From(MemorySample baseline, MemorySample sample)
    {
        if (sample.Count <= 0)
        {
            return new MemoryCost(sample, 0, 0);
        }

        return new MemoryCost(
            sample,
            (sample.VirtualBytes - baseline.VirtualBytes) / (double)sample.Count,
            (sample.ResidentBytes - baseline.ResidentBytes) / (double)sample.Count);
    }
}
