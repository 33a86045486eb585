using BenchmarkDotNet.Attributes;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// Summing 1000 array elements into a shared total: the inputs come from memory filled at setup
/// with random values, so the JIT cannot know them. One operation = 1000 additions.
/// </summary>
[BenchmarkCategory("sum")]
public class ArraySumBenchmarks
{
    private const int Length = 1000;

    private readonly object _monitor = new();
    private long[] _values = [];
    private long _total;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _values = new long[Length];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = random.Next(0, 10);
        }

        _total = 0;
    }

    [Benchmark(Baseline = true, Description = "batched")]
    public long Batched()
    {
        long sum = 0;
        foreach (long value in _values)
        {
            sum += value;
        }

        return Interlocked.Add(ref _total, sum);
    }

    [Benchmark(Description = "Interlocked")]
    public long Atomic()
    {
        foreach (long value in _values)
        {
            Interlocked.Add(ref _total, value);
        }

        return _total;
    }

    [Benchmark(Description = "lock (Monitor)")]
    public long MonitorLock()
    {
        foreach (long value in _values)
        {
            lock (_monitor)
            {
                _total += value;
            }
        }

        return _total;
    }
}
