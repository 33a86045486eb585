namespace ConcurrencyDemo.Scenarios;

/// <summary>How intended send times are spaced.</summary>
public enum ArrivalPattern
{
    /// <summary>Request i is due at i / rate, as in the article's tool and wrk2.</summary>
    Uniform,

    /// <summary>Exponential gaps with mean 1 / rate (a Poisson process), drawn from the seed.</summary>
    Poisson,
}
