namespace ConcurrencyDemo.Workload;

/// <summary>One request of the open-loop load.</summary>
/// <param name="Index">0-based sequence number.</param>
/// <param name="IntendedStart">When it is due, since the run's start; latency is measured from here.</param>
/// <param name="Endpoint">Upstream endpoint index (round robin).</param>
/// <param name="Latency">The endpoint's latency.</param>
public readonly record struct Request(long Index, TimeSpan IntendedStart, int Endpoint, TimeSpan Latency);
