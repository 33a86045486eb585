using ConcurrencyDemo.Running;
using ConcurrencyDemo.Theory;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>E2: a spike to 2000 rps, still below the pool's capacity; the article saw a worse sync tail.</summary>
internal sealed class E2TrafficSpike : RatePairExperiment
{
    public override string Id => "E2";

    public override string What => "2000 rps, 20ms*10, sync 50 vs async";

    protected override string Title => "A traffic spike: 2000 rps";

    protected override double Rate => 2000;

    protected override string Latency => "20ms*10";

    protected override (double Sync, double SyncStd, double Async, double AsyncStd) Article => (1995.857, 10.148, 2000, 0);

    protected override string Remark(RunResult sync, RunResult async, ScenarioTheory syncTheory)
    {
        if (sync.Statistics.OverheadMsAt(99) is not { } s || async.Statistics.OverheadMsAt(99) is not { } a)
        {
            return "; no p99 to compare (a mode had no successes)";
        }

        return s > a
            ? string.Create(Inv, $"; sync tail is worse, as the article says (p99 {s:0.###} vs {a:0.###} ms)")
            : string.Create(Inv, $"; sync tail is not worse here (p99 {s:0.###} vs {a:0.###} ms): at 2000 rps the pool of 50 is below its {syncTheory.CapacityPerSecond:0} rps capacity, so only queue contention could hurt it");
    }
}
