using BenchmarkDotNet.Attributes;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// How many requests per second the virtual clock simulates, recorder included, for the article's E3
/// scenario (one dead upstream) at 1 M and 10 M requests. Divide RequestCount by the mean time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SimulatorBenchmarks
{
    [Params(1_000_000, 10_000_000)]
    public long RequestCount { get; set; }

    [Params(EngineKind.Sync, EngineKind.Async)]
    public EngineKind Engine { get; set; }

    private Scenario _scenario = null!;

    [GlobalSetup]
    public void Setup() =>
        _scenario = new ScenarioBuilder
        {
            Name = "bench",
            Rate = "100000",
            RequestCount = RequestCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Latency = "20ms*9,30s",
            Engine = Engine,
            Threads = Engine == EngineKind.Sync ? "500" : null,
            Clock = ClockKind.Virtual,
        }.Build();

    [Benchmark]
    public long Simulate() => new ScenarioRun(_scenario).Run(CancellationToken.None).Statistics.Successes;
}
