namespace ConcurrencyDemo.Scenarios;

/// <summary>How intended send times are spaced.</summary>
public enum ArrivalPattern
{
    /// <summary>Request i is due at i / rate, as in the article's tool and wrk2.</summary>
    Uniform,

    /// <summary>Exponential gaps with mean 1 / rate (a Poisson process), drawn from the seed.</summary>
    Poisson,

    /// <summary>
    /// Closed loop (<c>--connections N</c>): each of N connections sends its next request when the previous
    /// one is answered, as wrk, bombardier and hey do; a rate, when given, caps the total.
    /// </summary>
    Closed,
}
