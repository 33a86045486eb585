namespace ConcurrencyDemo.Scenarios;

/// <summary>How the modelled service handles a request.</summary>
public enum EngineKind
{
    /// <summary>Blocking I/O: a fixed pool of threads, each held for the whole call.</summary>
    Sync,

    /// <summary>Non-blocking I/O: every request is an awaited operation; no thread is held while waiting.</summary>
    Async,

    /// <summary>Blocking work items on the process's shared .NET ThreadPool, which injects threads slowly (see <see cref="ThreadPoolSettings"/>).</summary>
    ThreadPool,
}
