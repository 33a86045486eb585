using BenchmarkDotNet.Attributes;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// The article's first benchmark (E9), on one thread: 1000 increments of a shared counter, batched
/// (sum locally, one atomic add), one <see cref="Interlocked"/> add each, one lock each (Monitor and
/// .NET 9's <see cref="Lock"/>). One operation = 1000 increments, as in the article.
/// </summary>
[BenchmarkCategory("increment")]
public class IncrementBenchmarks
{
    private const int Increments = 1000;

    private readonly object _monitor = new();
    private readonly Lock _lock = new();

    // Fields, not constants, and the increment flips every iteration (the article's `increment ^= 1`):
    // the JIT can neither fold the loop into one addition nor unroll it on a known count.
    private int _repetitions = Increments;
    private long _startIncrement = 1;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        _repetitions = Increments;
        _startIncrement = 1;
        _counter = 0;
    }

    [Benchmark(Baseline = true, Description = "batched")]
    public long Batched()
    {
        long increment = _startIncrement;
        long batch = 0;
        for (int i = 0; i < _repetitions; i++)
        {
            increment ^= 1;
            batch += increment;
        }

        return Interlocked.Add(ref _counter, batch);
    }

    [Benchmark(Description = "Interlocked")]
    public long Atomic()
    {
        long increment = _startIncrement;
        for (int i = 0; i < _repetitions; i++)
        {
            increment ^= 1;
            Interlocked.Add(ref _counter, increment);
        }

        return _counter;
    }

    [Benchmark(Description = "lock (Monitor)")]
    public long MonitorLock()
    {
        long increment = _startIncrement;
        for (int i = 0; i < _repetitions; i++)
        {
            increment ^= 1;
            lock (_monitor)
            {
                _counter += increment;
            }
        }

        return _counter;
    }

    [Benchmark(Description = "System.Threading.Lock")]
    public long ThreadingLock()
    {
        long increment = _startIncrement;
        for (int i = 0; i < _repetitions; i++)
        {
            increment ^= 1;
            lock (_lock)
            {
                _counter += increment;
            }
        }

        return _counter;
    }
}
