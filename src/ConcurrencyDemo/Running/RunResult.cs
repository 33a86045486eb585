using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Running;

/// <summary>A finished run: what was asked, what was measured. Reports render this and nothing else.</summary>
/// <param name="Scenario">The scenario that ran.</param>
/// <param name="Statistics">What the recorder measured.</param>
/// <param name="Machine">What the machine spent; null on the virtual clock.</param>
/// <param name="Partial">True when the run was interrupted before all requests completed.</param>
public sealed record RunResult(Scenario Scenario, RunStatistics Statistics, MachineMeasurements? Machine, bool Partial)
{
    /// <summary>The .NET ThreadPool through a <see cref="EngineKind.ThreadPool"/> run (measured, or modelled on the virtual clock); null for the other modes.</summary>
    public ThreadPoolTimeline? Pool { get; init; }

    /// <summary>What each endpoint saw, when the scenario has mitigations; null otherwise.</summary>
    public IReadOnlyList<Mitigations.EndpointStatistics>? Endpoints { get; init; }

    /// <summary>What a closed loop sent and left unsent (coordinated omission); null for an open loop.</summary>
    public Workload.ClosedLoopCount? ClosedLoop { get; init; }

    /// <summary>A closed loop run for a <c>--duration</c>: its requests per second and mean latency; null otherwise.</summary>
    public DurationWindow? Window { get; init; }

    /// <summary>What retries and hedging did; null when the run had no mitigation.</summary>
    public Mitigations.MitigationCounters? MitigationCounters { get; init; }
}
