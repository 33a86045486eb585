using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The real clock of one run: time since the run's zero, read from the run's <see cref="RunTimer"/>.
/// Zero is when the clock is created: after every worker and server has started, so that no request
/// is charged for start-up.
/// </summary>
internal sealed class RunClock(RunTimer timer)
{
    private readonly long _start = timer.GetTimestamp();

    /// <summary>The run's timer: every wait of the run goes through it.</summary>
    public RunTimer Timer { get; } = timer;

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => Timer.ToDuration(Timer.GetTimestamp() - _start);

    /// <summary>The timestamp of a moment <paramref name="sinceStart"/> after the run's zero.</summary>
    public long TimestampAt(TimeSpan sinceStart) => _start + Timer.ToTimestampTicks(sinceStart);
}
