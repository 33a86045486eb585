namespace ConcurrencyDemo.Scenarios;

/// <summary>How a <see cref="EngineKind.ThreadPool"/> work item blocks on its upstream call.</summary>
public enum BlockKind
{
    /// <summary>
    /// Sync over async: <c>.GetAwaiter().GetResult()</c> on an awaited call. The runtime sees this wait
    /// (a blocking Task wait on a pool thread) and injects threads quickly to compensate.
    /// </summary>
    Result,

    /// <summary>A blocking wait the runtime cannot see (like <c>Thread.Sleep</c> or a plain Monitor wait): only starvation detection adds threads.</summary>
    Sleep,

    /// <summary>
    /// The .NET diagnostics tutorial's <c>tasksleepwait</c>: the work item starts an awaited call and
    /// polls it, sleeping <see cref="ThreadPoolSettings.PollInterval"/> between looks, until it is complete.
    /// The pool cannot see the sleeps, and the call's completion is itself a work item that needs a free
    /// pool thread: a pool full of pollers starves twice (the request, then its completion).
    /// </summary>
    Poll,
}
