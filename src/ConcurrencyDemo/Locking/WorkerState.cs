namespace ConcurrencyDemo.Locking;

/// <summary>What a worker thread is doing at a moment: the three colours of the timeline.</summary>
public enum WorkerState
{
    /// <summary>Doing its own work: producing the next event.</summary>
    Producing,

    /// <summary>Blocked in the sink's slow write while holding its lock (coarse mode only).</summary>
    Writing,

    /// <summary>Handing an event off: waiting for the sink's lock (coarse) or for room in the queue (owner).</summary>
    Waiting,
}
