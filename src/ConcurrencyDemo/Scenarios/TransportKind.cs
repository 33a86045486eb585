namespace ConcurrencyDemo.Scenarios;

/// <summary>How the modelled service reaches its upstream endpoints.</summary>
public enum TransportKind
{
    /// <summary>A call is a sleep (sync) or an awaited delay (async) of the endpoint's latency.</summary>
    Model,

    /// <summary>A call is a real HTTP GET over a real socket to a real server (real clock only).</summary>
    Http,
}
