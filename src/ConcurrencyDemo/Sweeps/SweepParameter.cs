namespace ConcurrencyDemo.Sweeps;

/// <summary>The scenario parameter a sweep varies.</summary>
public enum SweepParameter
{
    /// <summary>Sync worker threads.</summary>
    Threads,

    /// <summary>Requests per second.</summary>
    Rate,

    /// <summary>Latency of every endpoint that answers (endpoints at or beyond the timeout stay down).</summary>
    Latency,

    /// <summary>The fan-out K, one curve per probability of a slow call (<see cref="FanoutSweep"/>).</summary>
    Fanout,
}
