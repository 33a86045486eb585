namespace ConcurrencyDemo.Timing;

/// <summary>
/// A real-clock run's overhead with every success that a machine stall could have touched left out:
/// what the service and the tool added when the machine ran on time. A request is left out when its
/// time, from its intended start to its completion, overlaps a stall's (from one sleep before the
/// late sleeper was due, when it last saw the CPU run, to when it woke), on any CPU: which CPU a
/// request's threads waited on is not known, so this leaves out more, never less.
/// </summary>
/// <param name="Overhead">The overhead of the successes kept, in ms (Early is always 0).</param>
/// <param name="LeftOut">Successes left out because a stall overlapped them.</param>
public sealed record OverheadWithoutStalls(LatenessSummary Overhead, long LeftOut);
