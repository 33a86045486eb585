namespace ConcurrencyDemo.Engines;

/// <summary>The real clock of one run: time elapsed since the run's start, from one <see cref="TimeProvider"/>.</summary>
internal sealed class RunClock(TimeProvider timeProvider)
{
    private readonly long _start = timeProvider.GetTimestamp();

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => TimeProvider.GetElapsedTime(_start);
}
