namespace ConcurrencyDemo.Workload;

/// <summary>
/// The connections of a closed loop: each sends its next request only once its previous one is
/// answered, as wrk, bombardier and hey do. Holds when each idle connection became free.
/// </summary>
/// <remarks>
/// The next request goes out on the connection that became free first, no earlier than it is due, so
/// send times never go backwards. Answers come from engine threads on the real clock (hence the lock)
/// and wake the pacer waiting for a free connection.
/// </remarks>
internal sealed class ClosedLoopConnections
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<long, long> _freeSince = new(); // ticks since the run's start
    // Never needs disposing: a ManualResetEventSlim only allocates a kernel handle when asked for one.
    private readonly ManualResetEventSlim _answered = new(false);

    public ClosedLoopConnections(int connections)
    {
        Count = connections;
        for (int i = 0; i < connections; i++)
        {
            _freeSince.Enqueue(0, 0);
        }
    }

    /// <summary>How many connections the loop has.</summary>
    public int Count { get; }

    /// <summary>When the next request can go out if it is <paramref name="due"/>; null while every connection waits for an answer.</summary>
    public TimeSpan? SendTime(TimeSpan due)
    {
        lock (_lock)
        {
            return _freeSince.TryPeek(out long free, out _) ? TimeSpan.FromTicks(Math.Max(due.Ticks, free)) : null;
        }
    }

    /// <summary>Takes the connection free longest for a request <paramref name="due"/>; returns when it is sent, or null if none is free.</summary>
    public TimeSpan? Take(TimeSpan due)
    {
        lock (_lock)
        {
            return _freeSince.TryDequeue(out long free, out _) ? TimeSpan.FromTicks(Math.Max(due.Ticks, free)) : null;
        }
    }

    /// <summary>A request was answered <paramref name="at"/>: its connection is free from then.</summary>
    public void Answered(TimeSpan at)
    {
        lock (_lock)
        {
            _freeSince.Enqueue(at.Ticks, at.Ticks);
        }

        _answered.Set();
    }

    /// <summary>Blocks (real clock) until a connection is free or <paramref name="cancellationToken"/> fires.</summary>
    public void WaitForFree(CancellationToken cancellationToken)
    {
        // Reset before looking, so an answer between the look and the wait still wakes us.
        _answered.Reset();
        if (SendTime(TimeSpan.Zero) is not null)
        {
            return;
        }

        try
        {
            _answered.Wait(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Interrupted: the pacer sees the token and stops.
        }
    }
}
