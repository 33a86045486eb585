namespace ConcurrencyDemo.Tests;

/// <summary>
/// Tests that run engines on the real clock: they run alone, so that other tests' CPU use does not
/// delay their timers on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealClockCollection
{
    public const string Name = "Real clock";
}
