namespace ConcurrencyDemo.Tests.Playground;

/// <summary>
/// The playground tests that keep both cores busy (a fuzz of thousands of requests, floods, a browser):
/// they run alone, so that they do not delay the timing-sensitive tests (signals, real clock) on a
/// 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlaygroundCollection
{
    public const string Name = "Playground, CPU-heavy";
}
