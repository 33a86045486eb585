namespace ConcurrencyDemo.Playground;

/// <summary>
/// A bounded queue in front of the simulator: a few simulations run at once, a few more wait, and the
/// rest are refused at once, so a flood of requests gets answers instead of a growing backlog. A
/// real-clock run holds every slot while it measures.
/// </summary>
internal sealed class SimulationGate(int running, int waiting) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(running, running);
    private int _inside;
    private int _held;

    /// <summary>True while a real-clock run holds every slot (<see cref="HoldAllAsync"/>): simulations wait in line meanwhile.</summary>
    public bool HeldByARealRun => Volatile.Read(ref _held) == 1;

    /// <summary>
    /// Takes every slot, once the simulations running now have ended, and keeps them until the lease is
    /// disposed: a real-clock run measures meanwhile, and on a machine of few cores a simulation beside
    /// it would take the CPU its timers need. Simulations asked for meanwhile wait in line as usual.
    /// </summary>
    public async Task<IDisposable> HoldAllAsync(CancellationToken cancellationToken)
    {
        int taken = 0;
        try
        {
            for (; taken < running; taken++)
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            if (taken > 0)
            {
                _slots.Release(taken); // the slots taken so far go back
            }

            throw;
        }

        Volatile.Write(ref _held, 1);
        return new Hold(this);
    }

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

    private sealed class Hold(SimulationGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Volatile.Write(ref gate._held, 0);
                gate._slots.Release(gate.RunningSlots);
            }
        }
    }

    private int RunningSlots => running;

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
