namespace ConcurrencyDemo.Reproduction;

/// <summary>E5: 60 ms upstreams cap the pool of 50 at 833 rps.</summary>
internal sealed class E5SlowerUpstream : RatePairExperiment
{
    public override string Id => "E5";

    public override string What => "1000 rps, 60ms*10, sync 50 vs async";

    protected override string Title => "A slower upstream: 60 ms";

    protected override double Rate => 1000;

    protected override string Latency => "60ms*10";

    protected override (double Sync, double SyncStd, double Async, double AsyncStd) Article => (832.444, 3.624, 1000, 0);
}
