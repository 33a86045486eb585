using System.Globalization;
using System.Text;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Reporting;

/// <summary>The console summary: the original tool's lines first, then ours.</summary>
public static class ConsoleSummary
{
    /// <summary>Formats <paramref name="result"/> as the lines the tool prints.</summary>
    public static string Format(RunResult result)
    {
        RunStatistics s = result.Statistics;
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;

        // The original's shape, so that output can be compared line by line with the article.
        text.AppendLine("Latencies:");
        if (s.Successes == 0)
        {
            // A 0.000 ms here would read as a perfect service; there is simply nothing to measure.
            text.AppendLine("(no successful requests: no overhead to report)");
        }

        foreach (PercentileValue p in s.Percentiles)
        {
            text.AppendLine(inv, $"p{p.Percentile:0.000} - {p.OverheadMs:0.000} ms");
        }

        text.AppendLine(inv, $"Avg rate: {s.Rate.Average:0.000}, StdDev: {s.Rate.StdDev:0.000}");

        Scenario scenario = result.Scenario;
        string mode = scenario.Engine switch
        {
            EngineKind.Sync => $"sync, {scenario.Threads} threads",
            EngineKind.ThreadPool => ThreadPoolText.Mode(scenario.Pool!),
            _ => "async",
        };
        string clock = scenario.Clock == ClockKind.Virtual ? "virtual clock" : "real clock";
        string transport = scenario.Transport switch
        {
            TransportKind.Http when scenario.Upstreams.Count > 0 => $", http to {scenario.Upstreams.Count} given upstream{(scenario.Upstreams.Count == 1 ? "" : "s")}",
            TransportKind.Http => $", http to {scenario.EndpointLatencies.Count} loopback server{(scenario.EndpointLatencies.Count == 1 ? "" : "s")}",
            _ => "",
        };
        text.AppendLine(inv, $"Scenario: {scenario.Name} — {mode}, {ClosedLoopText.Load(scenario)}, {(scenario.Duration is null ? "" : "at most ")}{scenario.RequestCount} requests, latency {Units.Upstreams(scenario)}, timeout {Units.ShortDuration(scenario.Timeout)}, {clock}{transport}");
        text.AppendLine(inv, $"Requests: {s.Sent} sent, {s.Successes} succeeded, {s.Timeouts} timed out{(s.Unfinished > 0 ? $", {s.Unfinished} unfinished" : "")}");
        if (result.Endpoints is { } endpoints && endpoints.Sum(e => e.FastFails) is > 0 and long fastFails)
        {
            text.AppendLine(inv, $"Failed fast: {fastFails} calls by the breaker or bulkhead, without reaching the endpoint (a request whose last call failed fast counts as a failure, not a timeout)");
        }

        text.Append(ClosedLoopText.Format(result));
        text.Append(MitigationText.CountersLine(result));

        text.Append(MitigationText.EndpointTable(result));
        if (s.EarlyCompletions > 0)
        {
            text.AppendLine(inv, $"Early completions: {s.EarlyCompletions} of {s.Successes} successes came back before their latency had passed, by up to {s.MaxEarliness.TotalMilliseconds:0.000} ms (counted as 0 overhead)");
        }

        if (scenario.Transport == TransportKind.Http)
        {
            text.AppendLine(inv, $"Socket failures: {s.Refused} refused, {s.Reset} reset, {s.Timeouts} timed out, {s.OtherFailures} other");
        }
        text.AppendLine(RateWindowText.Line(scenario, s));
        text.AppendLine(inv, $"Last completion: {Units.Duration(s.LastCompletion)} after the start");
        ScenarioTheory theory = ScenarioTheory.For(scenario);
        string queue = theory.QueueGrowthPerSecond > 0 ? $"; the queue grows by {theory.QueueGrowthPerSecond:0.#} requests/s" : "";
        text.AppendLine(inv, $"Theory: Avg rate {theory.ExpectedSuccessRate:0.###} = min(rate, capacity) × {theory.SuccessFraction:0.##%} succeeding; bottleneck: {theory.Bottleneck}{queue}; last completion ≈ {Units.Duration(theory.ExpectedDuration)}");
        if (theory.MitigationNote is { } note)
        {
            text.AppendLine(inv, $"Theory with mitigations: {note}");
        }

        foreach (string limit in TheoryLimits.For(scenario))
        {
            text.AppendLine($"Theory limit: {limit}");
        }

        if (theory.ShortRunUpperRate is { } upper)
        {
            text.AppendLine(inv, $"Transient: this run is too short for the steady state: when the last request starts, {scenario.Threads} threads × {theory.HeldThreadSeconds / scenario.Threads:0.###} s longest hold can still hold {theory.HeldThreadSeconds:0.#} of its {theory.WorkThreadSeconds:0.#} thread-seconds of work ({theory.HeldThreadSeconds / theory.WorkThreadSeconds:0%}), so expect an Avg rate between {theory.ExpectedSuccessRate:0.#} (steady state) and {upper:0.#}");
        }
        text.Append(ThreadPoolText.Format(result));
        if (result.Machine is { } m)
        {
            text.AppendLine(inv, $"Wall time: {Units.Duration(m.WallTime)}");
            string peakHow = (m.PeakResidentSinceRunStart ? "peak during this run: VmHWM reset at its start" : "largest of the 100 ms samples")
                + $", when the process already held {Units.Bytes(m.ResidentAtStartBytes)}";
            text.AppendLine(inv, $"Peak RSS: {Units.Bytes(m.PeakResidentBytes)} ({peakHow}; virtual size peak {Units.Bytes(m.PeakVirtualBytes)})");
            text.AppendLine(inv, $"Threads: {m.WorkerThreads} worker thread{(m.WorkerThreads == 1 ? "" : "s")}, process peak {m.PeakThreads}");
            text.AppendLine(inv, $"Start-up: {Units.Duration(m.StartUp)} before the clock's zero ({StartUpWhat(scenario)}), charged to no request");
            double perRequest = s.Sent > 0 ? m.CpuTime.TotalMicroseconds / s.Sent : 0;
            double allocatedPerRequest = s.Sent > 0 ? (double)m.AllocatedBytes / s.Sent : 0;
            // The probe's sleepers are the instrument's own CPU: stated, so the service's share can be read.
            TimeSpan probeCpu = m.TimingError?.Machine?.SleepersCpu ?? TimeSpan.Zero;
            bool oneSleeper = m.TimingError?.Machine?.WatchedCpus.Count is null or <= 1;
            string withoutProbe = probeCpu > TimeSpan.Zero && s.Sent > 0
                ? string.Create(inv, $"; the machine probe's {(oneSleeper ? "sleeper" : "sleepers")} used {probeCpu.TotalSeconds:0.00} s of it: {(m.CpuTime - probeCpu).TotalMicroseconds / s.Sent:0.0} µs per request without {(oneSleeper ? "it" : "them")}")
                : "";
            text.AppendLine(inv, $"CPU: {m.CpuTime.TotalSeconds:0.00} s for the whole process ({perRequest:0.0} µs per request{withoutProbe}); GC: {m.GcCollections} collection{(m.GcCollections == 1 ? "" : "s")}, {m.GcPause.TotalMilliseconds:0.0} ms paused, {Units.Bytes(m.AllocatedBytes)} allocated ({allocatedPerRequest:0} B per request)");
            text.AppendLine(inv, $"JIT: {m.JitCompilations} method{(m.JitCompilations == 1 ? "" : "s")} compiled during the run ({m.JitTime.TotalMilliseconds:0.0} ms){(m.JitCompilations == 0 ? "" : ": the requests that waited for it carry that time as overhead")}");
            if (m.TimingError is { } error)
            {
                text.Append(InstrumentErrorText.Format(error));
            }
        }

        if (result.Partial)
        {
            text.AppendLine("PARTIAL: the run was interrupted; figures cover what completed.");
        }

        return text.ToString();
    }

    private static string StartUpWhat(Scenario scenario)
    {
        var parts = new List<string>();
        if (scenario.Engine == EngineKind.Sync)
        {
            parts.Add($"{scenario.Threads} worker thread{(scenario.Threads == 1 ? "" : "s")}");
        }

        if (scenario.Transport == TransportKind.Http)
        {
            parts.Add(scenario.Upstreams.Count == 0 ? "loopback servers and warm-up" : "http client");
        }

        parts.Add("timers");
        parts.Add($"a warm-up of {EngineWarmUp.Requests} model calls so no request waits for the JIT");
        return string.Join(", ", parts);
    }
}
