using System.Text.Json;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Recording;

/// <summary>Printed numbers that were wrong just outside the article's scenarios (issue 11).</summary>
public sealed class EdgeNumbersTests
{
    [Fact]
    public void RateWindow_LatencyAboveOneSecond_KeepsOnlyWholeSecondsOfCompletions()
    {
        // Completions run from 1.5 s to 11.49 s at exactly 100 a second: seconds 2–10 are whole.
        RunResult result = Run(TestScenarios.Build(100, 1000, "1500ms"));

        RateSummary rate = result.Statistics.Rate;
        Assert.Equal(100.0, rate.Average);
        Assert.Equal(0.0, rate.StdDev);
        Assert.Equal((2L, 10L), (rate.FirstSecond, rate.LastSecond));
        Assert.Contains("Avg rate: 100.000, StdDev: 0.000", ConsoleSummary.Format(result), StringComparison.Ordinal);
    }

    [Fact]
    public void RateWindow_ShortRun_DoesNotDivideByATimeoutsCompletion()
    {
        var recorder = new Recorder(TimeSpan.FromSeconds(2));
        recorder.RecordSuccess(TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.5));
        recorder.RecordSuccess(TimeSpan.Zero, TimeSpan.FromSeconds(1.0), TimeSpan.FromSeconds(1.0));
        recorder.RecordSuccess(TimeSpan.Zero, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1.5));
        recorder.RecordTimeout(TimeSpan.Zero, TimeSpan.FromSeconds(30));

        RateSummary rate = recorder.Statistics(4, 4).Rate;

        Assert.True(rate.WholeRun);
        Assert.Equal(2.0, rate.Average); // 3 successes by 1.5 s, not 3 / 30 s
    }

    [Fact]
    public void Percentiles_NeverAboveTheExactMaximumOrBelowTheMinimum_E3Sync()
    {
        RunResult result = Run(TestScenarios.Build(1000, 10_000, "20ms*9,30s", threads: 50));
        RunStatistics s = result.Statistics;
        double min = s.Percentiles[0].OverheadMs, max = s.Percentiles[^1].OverheadMs;

        Assert.All(s.Timeline, t =>
        {
            Assert.InRange(t.P50Ms, min, max);
            Assert.InRange(t.P90Ms, min, max);
            Assert.InRange(t.P99Ms, min, max);
        });
        Assert.All(s.PercentileCurve, p => Assert.InRange(p.OverheadMs, min, max));
        Assert.All(s.Percentiles, p => Assert.InRange(p.OverheadMs, min, max));

        // The JSON timeline and the compare chart's caption read the same series.
        using JsonDocument json = JsonDocument.Parse(JsonReport.Serialize(result));
        foreach (JsonElement point in json.RootElement.GetProperty("timeline").GetProperty("points").EnumerateArray())
        {
            Assert.InRange(point.GetProperty("p99_ms").GetDouble(), min, max);
        }
    }

    [Fact]
    public void Percentiles_EachTimelineBucketWithinItsOwnMinimumAndMaximum()
    {
        var recorder = new Recorder(TimeSpan.FromSeconds(1));
        // One overhead of 565 387 ms: HdrHistogram's bucket holding it reports a larger upper edge.
        recorder.RecordSuccess(TimeSpan.Zero, TimeSpan.FromMilliseconds(565_387), TimeSpan.Zero);

        TimelinePoint point = Assert.Single(recorder.Statistics(1, 1).Timeline);

        Assert.Equal((565_387.0, 565_387.0, 565_387.0), (point.P50Ms, point.P90Ms, point.P99Ms));
    }

    [Fact]
    public void NoSuccesses_SaysSo_AndJsonHoldsNulls()
    {
        RunResult result = Run(TestScenarios.Build(100, 100, "20ms", timeout: "10ms"));

        string summary = ConsoleSummary.Format(result);
        Assert.Contains("no successful requests", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(" ms\n", summary.Split("Avg rate")[0], StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(JsonReport.Serialize(result));
        JsonElement percentiles = json.RootElement.GetProperty("percentiles");
        Assert.Equal(Recorder.SummaryPercentiles.Count, percentiles.GetArrayLength());
        Assert.All(percentiles.EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("overhead_ms").ValueKind));
    }

    [Fact]
    public void EarlyCompletions_AreCountedAndReported()
    {
        var recorder = new Recorder(TimeSpan.FromSeconds(1));
        TimeSpan latency = TimeSpan.FromMilliseconds(20);
        recorder.RecordSuccess(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(29.5), latency);   // 0.5 ms early
        recorder.RecordSuccess(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(39.75), latency);  // 0.25 ms early
        recorder.RecordSuccess(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(51), latency);     // 1 ms late
        RunResult result = new(TestScenarios.Build(100, 3, "20ms", clock: ClockKind.Virtual), recorder.Statistics(3, 3), null, false);

        string summary = ConsoleSummary.Format(result);

        Assert.Contains("Early completions: 2 of 3 successes came back before their latency had passed, by up to 0.500 ms (counted as 0 overhead)", summary, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(JsonReport.Serialize(result));
        JsonElement early = json.RootElement.GetProperty("summary").GetProperty("early_completions");
        Assert.Equal(2, early.GetProperty("count").GetInt64());
        Assert.Equal(0.5, early.GetProperty("max_early_ms").GetDouble());
    }

    [Fact]
    public void EarlyCompletions_NoneAreReportedWhenThereAreNone()
    {
        RunResult result = Run(TestScenarios.Build(100, 10, "20ms"));

        Assert.DoesNotContain("Early completions", ConsoleSummary.Format(result), StringComparison.Ordinal);
    }

    private static RunResult Run(Scenario scenario) => new ScenarioRun(scenario).Run(CancellationToken.None);
}
