using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Timing;

/// <summary>
/// The instrument's own timing error in a real-clock run, measured while it ran: every overhead
/// figure includes it. A measuring tool states this rather than hiding it.
/// </summary>
/// <param name="Timer">Which timers the run used.</param>
/// <param name="Description">How those timers wait, in a few words.</param>
/// <param name="Pacer">How late the load generator released each request after its intended start.</param>
/// <param name="Calls">How late each modelled call resumed its caller after the call's latency (empty with the http transport, whose calls go through sockets).</param>
public sealed record InstrumentError(TimerKind Timer, string Description, LatenessSummary Pacer, LatenessSummary Calls)
{
    /// <summary>The machine's own floor during the run (a lone sleeper's lateness and stalls); null where it could not be measured.</summary>
    public MachineFloor? Machine { get; init; }

    /// <summary>The run's overhead with the successes a stall of the machine touched left out; null where it could not be computed (no probe, more stalls than kept, or more requests than <see cref="Recording.Recorder"/> keeps one by one).</summary>
    public OverheadWithoutStalls? WithoutStalls { get; init; }
}
