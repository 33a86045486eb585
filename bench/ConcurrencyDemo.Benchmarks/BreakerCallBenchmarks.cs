using BenchmarkDotNet.Attributes;
using ConcurrencyDemo.Mitigations;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// One breaker call, start to end, in the hand-written breaker and in Polly's driven call by call
/// (<see cref="PollyCircuitBreaker"/>): a call a closed circuit admits and that then succeeds, and a call an
/// open circuit fails fast. Where the Polly-driven breaker's cost in the simulator goes (issue 14).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class BreakerCallBenchmarks
{
    private const int Calls = 1000;

    // A 5 s break that never ends within a benchmark: the open circuit stays open.
    private static readonly BreakerSettings s_settings = new(0.5, TimeSpan.FromSeconds(30), 2, TimeSpan.FromSeconds(5));

    [Params(false, true)]
    public bool DrivePolly { get; set; }

    private IEndpointBreaker _closed = null!;
    private IEndpointBreaker _open = null!;
    private long _now;

    [GlobalSetup]
    public void Setup()
    {
        _closed = Create();
        _open = Create();
        for (int i = 0; i < 2; i++)
        {
            _open.TryAcquire(0, 0);
            _open.Record(0, succeeded: false, 0);
        }

        if (_open.Opened[0] != 1)
        {
            throw new InvalidOperationException("the circuit did not open");
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int AdmittedAndSucceeded()
    {
        int admitted = 0;
        for (int i = 0; i < Calls; i++)
        {
            _now += 1000; // 100 µs apart: the rolling windows move on as in a run
            if (_closed.TryAcquire(0, _now))
            {
                admitted++;
                _closed.Record(0, succeeded: true, _now);
            }
        }

        return admitted;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int FailedFast()
    {
        int admitted = 0;
        for (int i = 0; i < Calls; i++)
        {
            admitted += _open.TryAcquire(0, 1) ? 1 : 0;
        }

        return admitted;
    }

    private IEndpointBreaker Create() => DrivePolly ? new PollyCircuitBreaker(s_settings, 1) : new CircuitBreaker(s_settings, 1);
}
