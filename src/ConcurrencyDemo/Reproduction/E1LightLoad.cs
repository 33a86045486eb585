namespace ConcurrencyDemo.Reproduction;

/// <summary>E1: 1000 rps at 20 ms, both modes keep up.</summary>
internal sealed class E1LightLoad : RatePairExperiment
{
    public override string Id => "E1";

    public override string What => "1000 rps, 20ms*10, sync 50 vs async";

    protected override string Title => "Light load: both keep up";

    protected override double Rate => 1000;

    protected override string Latency => "20ms*10";

    protected override (double Sync, double SyncStd, double Async, double AsyncStd) Article => (1000, 0, 1000, 0);
}
