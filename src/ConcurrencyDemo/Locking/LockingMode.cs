namespace ConcurrencyDemo.Locking;

/// <summary>How worker threads get their events into the one slow sink (the article's E10).</summary>
public enum LockingMode
{
    /// <summary>Coarse-grained locking: each worker takes the sink's lock and writes the event itself.</summary>
    Coarse,

    /// <summary>Ownership: workers hand events to a channel; one thread owns the sink and writes them.</summary>
    Owner,
}
