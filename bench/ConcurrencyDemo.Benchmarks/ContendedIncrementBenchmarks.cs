using BenchmarkDotNet.Attributes;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// The same increments shared by 1, 2 or 4 threads on one counter. The total work is fixed
/// (2 000 000 increments split evenly), so one operation is still 1000 increments of wall-clock
/// time and the rows compare directly with <see cref="IncrementBenchmarks"/>: what contention adds.
/// </summary>
[BenchmarkCategory("contended")]
public class ContendedIncrementBenchmarks
{
    private const int TotalIncrements = 2_000_000;
    private const int OperationsPerInvoke = TotalIncrements / 1000;

    private readonly object _monitor = new();
    private readonly Lock _lock = new();
    private ThreadGang? _gang;
    private Action<int> _batched = _ => { };
    private Action<int> _atomic = _ => { };
    private Action<int> _monitorLock = _ => { };
    private Action<int> _threadingLock = _ => { };
    private int _perThread;
    private long _startIncrement = 1;
    private long _counter;

    [Params(1, 2, 4)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _gang = new ThreadGang(Threads);
        _perThread = TotalIncrements / Threads;
        _startIncrement = 1;
        _batched = _ => BatchedBody();
        _atomic = _ => AtomicBody();
        _monitorLock = _ => MonitorBody();
        _threadingLock = _ => ThreadingLockBody();
    }

    [GlobalCleanup]
    public void Cleanup() => _gang?.Dispose();

    [Benchmark(Baseline = true, Description = "batched", OperationsPerInvoke = OperationsPerInvoke)]
    public long Batched()
    {
        _gang!.Run(_batched);
        return _counter;
    }

    [Benchmark(Description = "Interlocked", OperationsPerInvoke = OperationsPerInvoke)]
    public long Atomic()
    {
        _gang!.Run(_atomic);
        return _counter;
    }

    [Benchmark(Description = "lock (Monitor)", OperationsPerInvoke = OperationsPerInvoke)]
    public long MonitorLock()
    {
        _gang!.Run(_monitorLock);
        return _counter;
    }

    [Benchmark(Description = "System.Threading.Lock", OperationsPerInvoke = OperationsPerInvoke)]
    public long ThreadingLock()
    {
        _gang!.Run(_threadingLock);
        return _counter;
    }

    private void BatchedBody()
    {
        long increment = _startIncrement;
        long batch = 0;
        for (int i = 0; i < _perThread; i++)
        {
            increment ^= 1;
            batch += increment;
        }

        Interlocked.Add(ref _counter, batch);
    }

    private void AtomicBody()
    {
        long increment = _startIncrement;
        for (int i = 0; i < _perThread; i++)
        {
            increment ^= 1;
            Interlocked.Add(ref _counter, increment);
        }
    }

    private void MonitorBody()
    {
        long increment = _startIncrement;
        for (int i = 0; i < _perThread; i++)
        {
            increment ^= 1;
            lock (_monitor)
            {
                _counter += increment;
            }
        }
    }

    private void ThreadingLockBody()
    {
        long increment = _startIncrement;
        for (int i = 0; i < _perThread; i++)
        {
            increment ^= 1;
            lock (_lock)
            {
                _counter += increment;
            }
        }
    }
}
