namespace ConcurrencyDemo.Mitigations;

/// <summary>A circuit's state, as Polly v8 names them.</summary>
public enum BreakerState
{
    /// <summary>Calls go through; outcomes are sampled.</summary>
    Closed,

    /// <summary>Calls fail fast until the break is over.</summary>
    Open,

    /// <summary>One probe goes through; the others fail fast.</summary>
    HalfOpen,
}
