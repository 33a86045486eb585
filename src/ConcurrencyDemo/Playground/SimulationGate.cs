namespace ConcurrencyDemo.Playground;

/// <summary>
/// A bounded queue in front of the simulator: a few simulations run at once, a few more wait, and the
/// rest are refused at once, so a flood of requests gets answers instead of a growing backlog.
/// </summary>
internal sealed class SimulationGate(int running, int waiting) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(running, running);
    private int _inside;

    /// <summary>A lease to run one simulation (dispose it to give the slot back), or null when the queue is full.</summary>
    public async Task<IDisposable?> EnterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inside) > running + waiting)
        {
            Interlocked.Decrement(ref _inside);
            return null;
        }

        try
        {
            if (await _slots.WaitAsync(wait, cancellationToken).ConfigureAwait(false))
            {
                return new Lease(this);
            }
        }
        catch (OperationCanceledException)
        {
        }

        Interlocked.Decrement(ref _inside);
        return null;
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SimulationGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate._slots.Release();
                Interlocked.Decrement(ref gate._inside);
            }
        }
    }
}
