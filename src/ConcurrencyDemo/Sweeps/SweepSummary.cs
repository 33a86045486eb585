using System.Globalization;
using System.Text;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Sweeps;

/// <summary>The sweep's table and its answer as a sentence.</summary>
public static class SweepSummary
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>One line per point, then the answer.</summary>
    public static string Format(SweepResult sweep)
    {
        var text = new StringBuilder();
        string unit = sweep.Parameter switch { SweepParameter.Threads => "threads", SweepParameter.Rate => "rps", _ => "latency" };
        text.AppendLine(s_inv, $"{unit,10} {"avg rate",10} {"stddev",8} {"theory",10} {"p99 ovh ms",11} {"timeouts",9} {"RSS",10} {"virtual",10}  kept up");
        foreach (SweepPoint p in sweep.Points)
        {
            RunStatistics s = p.Result.Statistics;
            text.AppendLine(s_inv, $"{p.Label,10} {s.Rate.Average,10:0.000} {s.Rate.StdDev,8:0.000} {p.TheoryRate,10:0.0} {P99Text(p, "0.000"),11} {s.Timeouts,9} {Bytes(p.ResidentBytes),10} {Bytes(p.VirtualBytes),10}  {(SweepResult.KeptUp(p) ? "yes" : "no")}");
        }

        text.AppendLine(Answer(sweep));
        return text.ToString();
    }

    /// <summary>The question the sweep answers, as one or two sentences.</summary>
    public static string Answer(SweepResult sweep)
    {
        if (sweep.Points.Count == 0)
        {
            return "No points were run.";
        }

        Scenario b = sweep.Baseline;
        string load = $"{b.RatePerSecond.ToString("0.###", s_inv)} rps with latency {Units.LatencyList(b)}";
        var ordered = sweep.Points.OrderBy(p => p.Value).ToList();
        ScenarioTheory theory = ScenarioTheory.For(b);
        switch (sweep.Parameter)
        {
            case SweepParameter.Threads:
            {
                ScenarioTheory asSync = ScenarioTheory.For(b with { Engine = EngineKind.Sync, Threads = Math.Max(1, b.Threads) });
                string theoryText = asSync.MinimumThreads is { } fewest
                    ? string.Create(s_inv, $"theory: {b.RatePerSecond:0.###} × {asSync.MeanHold.TotalSeconds:0.####} s = {fewest} threads minimum")
                    : $"theory: no number of threads keeps up, the {asSync.Bottleneck} caps the rate";
                SweepPoint? first = ordered.FirstOrDefault(SweepResult.KeptUp);
                if (first is null)
                {
                    return $"At {load}, none of the swept thread counts (up to {ordered[^1].Label}) kept up; {theoryText}.";
                }

                var answer = new StringBuilder();
                answer.Append(s_inv, $"At {load}, sync mode needs {first.Label} threads to keep up ({theoryText}): with {first.Label} threads the effective rate was {first.Result.Statistics.Rate.Average:0.0}/s and the p99 overhead {P99Text(first)} ms");
                SweepPoint? below = ordered.LastOrDefault(p => p.Value < first.Value);
                if (below is not null)
                {
                    answer.Append(s_inv, $", while {below.Label} threads managed {below.Result.Statistics.Rate.Average:0.0}/s with a p99 overhead of {P99Text(below)} ms");
                }

                answer.Append('.');
                if (first.ResidentBytes is { } rss && first.VirtualBytes is { } virt)
                {
                    string how = sweep.PerThread is not null ? "threads × the measured cost of one blocked thread" : "measured peak of the whole process";
                    answer.Append(s_inv, $" Those {first.Label} threads cost {Units.Bytes(virt)} of reserved address space but {Units.Bytes(rss)} resident ({how}); async needs no threads for it.");
                }

                return answer.ToString();
            }

            case SweepParameter.Rate:
            {
                SweepPoint? last = ordered.LastOrDefault(SweepResult.KeptUp);
                double threadsCapacity = b.Threads / theory.MeanHold.TotalSeconds;
                string capacity = double.IsPositiveInfinity(theory.CapacityPerSecond)
                    ? " (theory: async has no thread limit)"
                    : b.Engine == EngineKind.Sync && theory.CapacityPerSecond >= threadsCapacity
                        ? string.Create(s_inv, $" (theory: {b.Threads} threads / {theory.MeanHold.TotalSeconds:0.####} s = {theory.CapacityPerSecond:0.#} rps capacity)")
                        : string.Create(s_inv, $" (theory: {theory.CapacityPerSecond:0.#} rps capacity, set by the modelled CPU or dispatch cost)");
                return last is null
                    ? $"With latency {Units.LatencyList(b)}, none of the swept rates kept up{capacity}."
                    : $"With latency {Units.LatencyList(b)}, the highest swept rate that kept up was {last.Label} rps{capacity}.";
            }

            default:
            {
                SweepPoint? last = ordered.LastOrDefault(SweepResult.KeptUp);
                string limit = b.Engine == EngineKind.Sync
                    ? string.Create(s_inv, $" (theory: at most {b.Threads} threads / {b.RatePerSecond:0.###} rps = {b.Threads / b.RatePerSecond * 1000:0.#} ms mean hold)")
                    : " (theory: async has no thread limit)";
                return last is null
                    ? $"At {b.RatePerSecond.ToString("0.###", s_inv)} rps, none of the swept latencies kept up{limit}."
                    : $"At {b.RatePerSecond.ToString("0.###", s_inv)} rps, the slowest swept latency that kept up was {last.Label}{limit}.";
            }
        }
    }

    // "-" rather than 0 where nothing succeeded: there is no overhead to show.
    private static string P99Text(SweepPoint p, string format = "0.0") => p.Result.Statistics.OverheadMsAt(99) is { } v ? v.ToString(format, s_inv) : "-";

    private static string Bytes(long? b) => b is { } v ? Units.Bytes(v) : "-";
}
