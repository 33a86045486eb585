namespace ConcurrencyDemo.Recording;

/// <summary>Successes that completed during whole second <paramref name="Second"/> of the run.</summary>
public readonly record struct RatePoint(long Second, long Successes);
