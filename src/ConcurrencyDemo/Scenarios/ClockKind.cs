namespace ConcurrencyDemo.Scenarios;

/// <summary>Which clock a run uses.</summary>
public enum ClockKind
{
    /// <summary>Real threads, real sleeps and delays, the machine's clock.</summary>
    Real,

    /// <summary>A deterministic discrete-event simulation of the same service.</summary>
    Virtual,
}
