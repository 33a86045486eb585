using BenchmarkDotNet.Attributes;
using ConcurrencyDemo.Playground;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// Where a playground redraw of the 100 000-request scenario spends the server's time (the page's
/// 300 ms target): simulating each mode, drawing the six charts, and writing the JSON answer. The browser's own part (decoding the SVGs) is not here:
/// the page prints it ("page redrawn after … ms").
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class PlaygroundRequestBenchmarks
{
    private Scenario _sync = null!;
    private Scenario _async = null!;
    private RunResult _syncResult = null!;
    private RunResult _asyncResult = null!;
    private IReadOnlyList<(string Key, string Sync, string Async)> _charts = [];

    [GlobalSetup]
    public void Setup()
    {
        // The page's 100 000-request scenario: --rate 10000 --num_req 100000 --latency 20ms*10, sync 50 threads and async.
        ScenarioBuilder Builder(EngineKind engine) => new()
        {
            Rate = "10000",
            RequestCount = "100000",
            Latency = "20ms*10",
            Engine = engine,
            Threads = engine == EngineKind.Sync ? "50" : null,
            Clock = ClockKind.Virtual,
        };
        _sync = Builder(EngineKind.Sync).Build();
        _async = Builder(EngineKind.Async).Build();
        _syncResult = SimulateSync();
        _asyncResult = SimulateAsync();
        _charts = PlaygroundCharts.Render(_syncResult, _asyncResult);
    }

    [Benchmark]
    public RunResult SimulateSync() => new ScenarioRun(_sync).Run(CancellationToken.None);

    [Benchmark]
    public RunResult SimulateAsync() => new ScenarioRun(_async).Run(CancellationToken.None);

    [Benchmark(Baseline = true)]
    public object Charts() => PlaygroundCharts.Render(_syncResult, _asyncResult);

    [Benchmark]
    public string Json() => PlaygroundResponse.Results(_syncResult, _asyncResult, _charts, "command", () => TimeSpan.Zero, null);
}
