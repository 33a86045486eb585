namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// A clock that reads what it was last told: the time of the moment its owner is handling, in ticks since
/// the run's zero. It lets a library that reads a <see cref="TimeProvider"/> (Polly) run on either clock:
/// the owner sets <see cref="NowTicks"/> to the real elapsed time or to the simulation's virtual now
/// before each call into it. Only <see cref="GetUtcNow"/> and <see cref="GetTimestamp"/> follow it; timers are not supported.
/// </summary>
internal sealed class SteppedTimeProvider : TimeProvider
{
    // An arbitrary origin: Polly compares instants, so only differences matter.
    private static readonly DateTimeOffset s_zero = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The current instant, in ticks since the run's zero.</summary>
    public long NowTicks { get; set; }

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => s_zero.AddTicks(NowTicks);

    /// <inheritdoc/>
    public override long GetTimestamp() => NowTicks;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("A stepped clock has no timers: its owner decides when time moves.");
}
