using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// An awaited wait that its scheduler reuses once its awaiter has its result, as .NET's sockets reuse
/// the object behind each awaited receive: a blocked thread's wait allocates nothing, and an awaited
/// one must not either, or async would pay a timer cost (and collections) that sync does not.
/// </summary>
/// <remarks>
/// Awaited exactly once, as every <see cref="ValueTask"/> must be. The scheduler's thread completes
/// it and so runs what awaited it, as .NET's sockets do with inline completions: no thread-pool hop
/// per call (measured at 10 000 calls/s: 39 µs of CPU per request instead of 69, p99 0.28–0.36 ms
/// instead of 0.47). What awaits it must therefore be short and never block: here, recording the call.
/// </remarks>
internal sealed class ReusableDueWait : IDueWait, IValueTaskSource
{
    private readonly ConcurrentQueue<ReusableDueWait> _pool;
    private ManualResetValueTaskSourceCore<bool> _core;

    private ReusableDueWait(ConcurrentQueue<ReusableDueWait> pool) => _pool = pool;

    /// <summary>A wait from <paramref name="pool"/>, or a new one when none is free.</summary>
    public static ReusableDueWait Rent(ConcurrentQueue<ReusableDueWait> pool) =>
        pool.TryDequeue(out ReusableDueWait? wait) ? wait : new ReusableDueWait(pool);

    /// <summary>What the awaiter awaits.</summary>
    public ValueTask Task => new(this, _core.Version);

    public bool CompletesOnThreadPool => false;

    public void Complete() => _core.SetResult(true);

    public void Cancel() => _core.SetException(new OperationCanceledException());

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            // The awaiter has its result: nothing refers to this wait any more.
            _core.Reset();
            _pool.Enqueue(this);
        }
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
