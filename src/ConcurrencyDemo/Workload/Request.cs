namespace ConcurrencyDemo.Workload;

/// <summary>One request of the load.</summary>
/// <param name="Index">0-based sequence number.</param>
/// <param name="IntendedStart">When it is due, since the run's start; latency is measured from here.</param>
/// <param name="Endpoint">Upstream endpoint index (round robin).</param>
/// <param name="Latency">The endpoint's latency.</param>
public readonly record struct Request(long Index, TimeSpan IntendedStart, int Endpoint, TimeSpan Latency)
{
    private readonly TimeSpan? _sent;

    /// <summary>
    /// Which attempt of the request this call is: 0 for the first, then 1, 2… for each retry or hedge,
    /// in the order they go out. A distribution draws each attempt's latency afresh.
    /// </summary>
    public int Attempt { get; init; }

    /// <summary>
    /// When the load generator sends it, since the run's start: <see cref="IntendedStart"/> in an open
    /// loop; in a closed loop no earlier than its connection's previous answer (so possibly later than due).
    /// </summary>
    public TimeSpan Sent
    {
        get => _sent ?? IntendedStart;
        init => _sent = value;
    }
}
