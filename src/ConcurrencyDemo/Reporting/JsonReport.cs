using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Reporting;

/// <summary>
/// The machine-readable result (<c>{name}.json</c>): scenario, summary, percentiles and the
/// per-second series, enough to re-plot or compare any run later. Durations are in milliseconds.
/// Virtual-clock runs carry no machine figures, so the same seed gives byte-identical JSON.
/// </summary>
public static class JsonReport
{
    /// <summary>Version of this document's shape; bumped when a field changes meaning.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serialises <paramref name="result"/>.</summary>
    public static string Serialize(RunResult result)
    {
        RunStatistics s = result.Statistics;
        ScenarioTheory theory = ScenarioTheory.For(result.Scenario);
        var document = new
        {
            SchemaVersion,
            Tool = "concurrency-demo-benchmarks",
            result.Partial,
            Scenario = new
            {
                result.Scenario.Name,
                Mode = result.Scenario.Engine.ToString().ToLowerInvariant(),
                Threads = result.Scenario.Threads == 0 ? (int?)null : result.Scenario.Threads,
                Rate = result.Scenario.HasRate ? result.Scenario.RatePerSecond : (double?)null,
                NumReq = result.Scenario.RequestCount,
                Latency = Units.LatencyList(result.Scenario),
                EndpointLatenciesMs = result.Scenario.EndpointLatencies.Select(l => l.TotalMilliseconds),
                Slowdowns = result.Scenario.Slowdowns.Count > 0
                    ? result.Scenario.Slowdowns.Select(w => new { Endpoint = w.Endpoint?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all", LatencyMs = w.Latency.TotalMilliseconds, FromS = w.From.TotalSeconds, ToS = w.To.TotalSeconds })
                    : null,
                Fanout = result.Scenario.Fanout != Scenarios.Fanout.None ? new { result.Scenario.Fanout.Calls, result.Scenario.Fanout.Quorum } : null,
                result.Scenario.UpstreamCapacity,
                TimeoutMs = result.Scenario.Timeout.TotalMilliseconds,
                Clock = result.Scenario.Clock.ToString().ToLowerInvariant(),
                Arrivals = result.Scenario.Arrivals.ToString().ToLowerInvariant(),
                Connections = result.Scenario.Connections == 0 ? (int?)null : result.Scenario.Connections,
                DurationS = result.Scenario.Duration?.TotalSeconds,
                result.Scenario.Seed,
                CpuPerRequestMs = result.Scenario.Costs.CpuPerRequest.TotalMilliseconds,
                result.Scenario.Costs.Cores,
                DispatchCostMs = result.Scenario.Costs.DispatchCost.TotalMilliseconds,
                Transport = result.Scenario.Transport.ToString().ToLowerInvariant(),
                Timer = result.Scenario.Clock == Scenarios.ClockKind.Real ? result.Scenario.Timer.ToString().ToLowerInvariant() : null,
                Upstreams = result.Scenario.Upstreams.Count > 0 ? result.Scenario.Upstreams.Select(u => u.ToString()) : null,
                Block = result.Scenario.Pool?.Block.ToString().ToLowerInvariant(),
                MinThreads = result.Scenario.Pool?.MinThreads,
                MaxThreads = result.Scenario.Pool?.MaxThreads,
                Mitigations = result.Scenario.Mitigations.IsActive
                    ? new
                    {
                        Balancer = Mitigations.MitigationParser.Name(result.Scenario.Mitigations.Balancer),
                        Eject = result.Scenario.Mitigations.Ejection is { } ejection
                            ? new { ejection.Consecutive, IntervalMs = ejection.Interval.TotalMilliseconds, BaseMs = ejection.BaseTime.TotalMilliseconds, ejection.MaxPercent, MaxEjectionMs = ejection.MaxTime.TotalMilliseconds }
                            : null,
                        Breaker = result.Scenario.Mitigations.Breaker is { } breaker
                            ? new { breaker.FailureRatio, SamplingMs = breaker.SamplingDuration.TotalMilliseconds, breaker.MinimumThroughput, BreakMs = breaker.BreakDuration.TotalMilliseconds }
                            : null,
                        result.Scenario.Mitigations.Bulkhead,
                        Retries = result.Scenario.Mitigations.Retries,
                        RetryBudgetPercent = result.Scenario.Mitigations.RetryBudget?.Percent,
                        HedgeAfterMs = result.Scenario.Mitigations.HedgeAfter?.TotalMilliseconds,
                    }
                    : null,
            },
            Summary = new
            {
                s.Requests,
                s.Sent,
                s.Successes,
                s.Timeouts,
                s.Refused,
                s.Reset,
                s.OtherFailures,
                s.Unfinished,
                AvgRate = s.Rate.Average,
                StdDev = s.Rate.StdDev,
                RateWindow = new { s.Rate.FirstSecond, s.Rate.LastSecond, s.Rate.WholeRun },
                LastCompletionMs = s.LastCompletion.TotalMilliseconds,
                LastSuccessMs = s.LastSuccess.TotalMilliseconds,
                EarlyCompletions = new { Count = s.EarlyCompletions, MaxEarlyMs = s.MaxEarliness.TotalMilliseconds },
            },
            ClosedLoop = result.ClosedLoop is { } loop
                ? new
                {
                    loop.Connections,
                    loop.Sent,
                    LastSentMs = loop.LastSent.TotalMilliseconds,
                    loop.OpenLoopWouldHaveSent,
                    loop.NotSent,
                    Window = result.Window is { } w
                        ? new { DurationS = w.Duration.TotalSeconds, w.Sent, w.AnsweredWithin, w.Answered, w.RequestsPerSecond, MeanLatencyMs = w.MeanLatency?.TotalMilliseconds }
                        : null,
                }
                : null,
            Theory = new
            {
                MeanHoldMs = theory.MeanHold.TotalMilliseconds,
                CapacityPerSecond = double.IsPositiveInfinity(theory.CapacityPerSecond) ? (double?)null : theory.CapacityPerSecond,
                theory.SuccessFraction,
                ExpectedAvgRate = theory.ExpectedSuccessRate,
                theory.QueueGrowthPerSecond,
                ExpectedDurationMs = theory.ExpectedDuration.TotalMilliseconds,
                theory.Bottleneck,
                theory.MinimumThreads,
                theory.ShortRunUpperRate,
                theory.MitigationNote,
            },
            Endpoints = result.Endpoints?.Select(r => new
            {
                r.Endpoint,
                LatencyMs = r.Latency.TotalMilliseconds,
                r.Requests,
                r.Successes,
                r.Failures,
                r.FastFails,
                r.Ejections,
                TimeEjectedMs = r.TimeEjected.TotalMilliseconds,
                r.BreakerOpened,
                TimeOpenMs = r.TimeOpen.TotalMilliseconds,
            }),
            MitigationCounters = result.MitigationCounters is { } c
                ? new { c.Requests, c.Retried, c.RetriesRefused, c.Hedged, c.HedgesWon, c.Abandoned, c.ExtraLoadPercent }
                : null,
            // Null, not 0, when nothing succeeded: 0 ms would claim a perfect service.
            Percentiles = Recorder.SummaryPercentiles.Select(p => new JsonPercentile(p, s.OverheadMsAt(p))),
            PercentileCurve = s.PercentileCurve.Select(p => new { p.Percentile, p.OverheadMs }),
            Histogram = s.Histogram.Select(b => new { b.FromMs, b.ToMs, b.Count }),
            SuccessesPerSecond = s.RatePerSecond.Select(r => r.Successes),
            Timeline = new
            {
                BucketSeconds = s.TimelineBucketSeconds,
                Points = s.Timeline.Select(t => new { t.FromSecond, t.Count, t.P50Ms, t.P90Ms, t.P99Ms }),
            },
            ThreadPool = ThreadPoolJson.For(result),
            Machine = result.Machine is { } m
                ? new
                {
                    WallTimeMs = m.WallTime.TotalMilliseconds,
                    PeakRssBytes = m.PeakResidentBytes,
                    PeakVirtualBytes = m.PeakVirtualBytes,
                    PeakRssScope = m.PeakResidentSinceRunStart ? "run" : "sampled",
                    RssAtStartBytes = m.ResidentAtStartBytes,
                    m.PeakThreads,
                    m.WorkerThreads,
                    StartUpMs = m.StartUp.TotalMilliseconds,
                    CpuSeconds = m.CpuTime.TotalSeconds,
                    m.GcCollections,
                    GcPauseMs = m.GcPause.TotalMilliseconds,
                    m.AllocatedBytes,
                    m.JitCompilations,
                    JitMs = m.JitTime.TotalMilliseconds,
                    Timer = m.TimingError is { } e
                        ? new
                        {
                            Kind = e.Timer.ToString().ToLowerInvariant(),
                            e.Description,
                            PacerLatenessMs = Lateness(e.Pacer),
                            CallLatenessMs = e.Calls.Count == 0 ? null : Lateness(e.Calls),
                            MachineLatenessMs = e.Machine is { } floor ? Lateness(floor.Lateness) : null,
                            MachineProbeCpuSeconds = e.Machine?.SleepersCpu.TotalSeconds,
                            OverheadWithoutStallsMs = e.WithoutStalls is { } clean
                                ? new { clean.Overhead.Count, P50 = clean.Overhead.P50Ms, P99 = clean.Overhead.P99Ms, P999 = clean.Overhead.P999Ms, Max = clean.Overhead.MaxMs, clean.LeftOut }
                                : null,
                            MachineStalls = e.Machine is { } stalled
                                ? new
                                {
                                    ThresholdMs = stalled.StallThresholdMs,
                                    Count = stalled.StallCount,
                                    StalledMs = stalled.StalledMs,
                                    LeftOutForGc = stalled.LeftOutForGc,
                                    WatchedCpus = stalled.WatchedCpus,
                                    Stalls = stalled.Stalls.Select(stall => new { AtS = stall.At.TotalSeconds, stall.LateMs, stall.Cpus }),
                                }
                                : null,
                        }
                        : null,
                    Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                    Cores = Environment.ProcessorCount,
                }
                : null,
        };
        return JsonSerializer.Serialize(document, s_options) + "\n";
    }

    private static object Lateness(Timing.LatenessSummary s) => new { s.Count, P50 = s.P50Ms, P99 = s.P99Ms, P999 = s.P999Ms, Max = s.MaxMs, s.Early };
}
