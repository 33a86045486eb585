using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// False sharing, shown once on purpose: two threads, each incrementing only its own counter, so
/// nothing is logically shared — but when the two counters sit on one 64-byte cache line the line
/// still bounces between the cores. The padded variant puts them 128 bytes apart (two lines, also
/// clear of the adjacent-line prefetcher). One operation = 1000 increments of wall-clock time.
/// </summary>
[BenchmarkCategory("false-sharing")]
public class FalseSharingBenchmarks
{
    private const int Threads = 2;
    private const int TotalIncrements = 2_000_000;
    private const int OperationsPerInvoke = TotalIncrements / 1000;

    // 128 bytes between slots when padded: 16 longs.
    private const int PaddedStride = 16;

    // Pinned so that its address is fixed and the slots can be placed on known cache lines.
    private readonly long[] _slots = GC.AllocateArray<long>(PaddedStride * (Threads + 2), pinned: true);
    private int _first;
    private ThreadGang? _gang;
    private Action<int> _adjacent = _ => { };
    private Action<int> _padded = _ => { };
    private Action<int> _adjacentAtomic = _ => { };
    private Action<int> _paddedAtomic = _ => { };
    private int _perThread;
    private long _startIncrement = 1;

    [GlobalSetup]
    public void Setup()
    {
        _gang = new ThreadGang(Threads);
        _perThread = TotalIncrements / Threads;
        _startIncrement = 1;
        // The first slot that starts a 64-byte line: adjacent slots are then surely on one line.
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(_slots, 0).ToInt64();
        _first = (int)(((64 - (address % 64)) % 64) / sizeof(long)) + PaddedStride;
        _adjacent = t => PlainBody(_first + t);
        _padded = t => PlainBody(_first + (PaddedStride * t));
        _adjacentAtomic = t => AtomicBody(_first + t);
        _paddedAtomic = t => AtomicBody(_first + (PaddedStride * t));
    }

    [GlobalCleanup]
    public void Cleanup() => _gang?.Dispose();

    [Benchmark(Baseline = true, Description = "own counter, padded", OperationsPerInvoke = OperationsPerInvoke)]
    public long Padded()
    {
        _gang!.Run(_padded);
        return _slots[_first];
    }

    [Benchmark(Description = "own counter, same cache line", OperationsPerInvoke = OperationsPerInvoke)]
    public long Adjacent()
    {
        _gang!.Run(_adjacent);
        return _slots[_first];
    }

    [Benchmark(Description = "own counter, padded, Interlocked", OperationsPerInvoke = OperationsPerInvoke)]
    public long PaddedAtomic()
    {
        _gang!.Run(_paddedAtomic);
        return _slots[_first];
    }

    [Benchmark(Description = "own counter, same line, Interlocked", OperationsPerInvoke = OperationsPerInvoke)]
    public long AdjacentAtomic()
    {
        _gang!.Run(_adjacentAtomic);
        return _slots[_first];
    }

    // Volatile read and write: each increment really goes to memory, as a counter other threads
    // read would, instead of living in a register until the loop ends.
    private void PlainBody(int slot)
    {
        long increment = _startIncrement;
        ref long counter = ref _slots[slot];
        for (int i = 0; i < _perThread; i++)
        {
            increment ^= 1;
            Volatile.Write(ref counter, Volatile.Read(ref counter) + increment);
        }
    }

    private void AtomicBody(int slot)
    {
        long increment = _startIncrement;
        ref long counter = ref _slots[slot];
        for (int i = 0; i < _perThread; i++)
        {
            increment ^= 1;
            Interlocked.Add(ref counter, increment);
        }
    }
}
