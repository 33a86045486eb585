using System.Text.Json;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Tests.Cli;

namespace ConcurrencyDemo.Tests.Running;

/// <summary>
/// Runs the original tool gets wrong (it prints NaN for runs under 3 s) or that are easy to get wrong:
/// all give finite figures, a JSON document and four charts.
/// </summary>
public sealed class EdgeCaseRunTests
{
    [Fact]
    public void RunShorterThanThreeSeconds_UsesTheWholeRunWindow()
    {
        // 50 requests at 100 rps: the last is due at 0.49 s and completes at 0.51 s.
        RunResult result = RunVirtual("--rate 100 --num_req 50 --latency 20ms", EngineKind.Async);
        RateSummary rate = result.Statistics.Rate;
        Assert.True(rate.WholeRun);
        Assert.Equal(50 / 0.51, rate.Average, 6);
        Assert.Equal(0, rate.StdDev);
        Assert.Contains("Rate window: the whole run", ConsoleSummary.Format(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EngineKind.Async)]
    [InlineData(EngineKind.Sync)]
    public void EveryRequestFailing_GivesZeroRateAndNoSuccessCharts(EngineKind engine)
    {
        RunResult result = RunVirtual("--rate 10 --num_req 20 --latency 30s", engine);
        RunStatistics s = result.Statistics;
        Assert.Equal(0, s.Successes);
        Assert.Equal(20, s.Timeouts);
        Assert.Equal(0, s.Rate.Average);
        Assert.Empty(s.Histogram);
        Assert.Empty(s.PercentileCurve);
        Assert.Empty(s.RatePerSecond);
        Assert.Empty(s.Percentiles);
        Assert.Null(s.OverheadMsAt(99));
        Assert.Contains("0 succeeded, 20 timed out", ConsoleSummary.Format(result), StringComparison.Ordinal);
    }

    [Fact]
    public void SingleRequest_IsOneSuccessOverTheWholeRun()
    {
        RunResult result = RunVirtual("--rate 1000 --num_req 1 --latency 20ms", EngineKind.Sync);
        Assert.Equal(1, result.Statistics.Successes);
        Assert.Equal(TimeSpan.FromMilliseconds(20), result.Statistics.LastCompletion);
        Assert.True(result.Statistics.Rate.WholeRun);
        Assert.Equal(50, result.Statistics.Rate.Average, 6); // one success in 20 ms
    }

    [Fact]
    public void RateBelowOnePerSecond_KeepsWholeSecondsBetweenArrivals()
    {
        // Due at 0, 2, 4, 6, 8 s: completions span 9 whole seconds, seconds 1–7 are kept.
        RunResult result = RunVirtual("--rate 0.5 --num_req 5 --latency 20ms", EngineKind.Async);
        RateSummary rate = result.Statistics.Rate;
        Assert.False(rate.WholeRun);
        Assert.Equal((1, 7), (rate.FirstSecond, rate.LastSecond));
        Assert.Equal(3 / 7.0, rate.Average, 6);
        Assert.Equal(5, result.Statistics.Successes);
    }

    [Fact]
    public void LatencyListLongerThanRequests_UsesTheFirstEndpointsOnly()
    {
        RunResult result = RunVirtual("--rate 100 --num_req 3 --latency 10ms,20ms,30ms,40ms,30s", EngineKind.Sync);
        Assert.Equal(3, result.Statistics.Successes);
        Assert.Equal(0, result.Statistics.Timeouts);
        Assert.Equal(TimeSpan.FromMilliseconds(20 + 30), result.Statistics.LastCompletion);
        using JsonDocument json = JsonDocument.Parse(JsonReport.Serialize(result));
        Assert.Equal(5, json.RootElement.GetProperty("scenario").GetProperty("endpoint_latencies_ms").GetArrayLength());
    }

    [Fact]
    public async Task ShortRealClockRun_ThroughTheCli_PrintsNoNaN()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"cdb-short-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            CliProcess.Result result = await CliProcess.RunAsync(
                ["--output", folder, "--name", "short", "--rate", "100", "--num_req", "20", "--latency", "20ms", "--quiet", "async"],
                folder,
                TimeSpan.FromSeconds(60));
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.DoesNotContain("NaN", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("Avg rate: ", result.Stdout, StringComparison.Ordinal);
            Assert.Equal(5, Directory.GetFiles(folder).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static RunResult RunVirtual(string options, EngineKind engine)
    {
        string[] words = options.Split(' ');
        string Value(string option) => words[Array.IndexOf(words, option) + 1];
        Scenario scenario = new ScenarioBuilder
        {
            Name = "edge",
            Rate = Value("--rate"),
            RequestCount = Value("--num_req"),
            Latency = Value("--latency"),
            Engine = engine,
            Threads = engine == EngineKind.Sync ? "2" : null,
            Clock = ClockKind.Virtual,
        }.Build();
        RunResult result = new ScenarioRun(scenario).Run(CancellationToken.None);

        // Whatever the case, every report renders, with finite numbers only.
        string summary = ConsoleSummary.Format(result);
        string json = JsonReport.Serialize(result);
        Assert.DoesNotContain("NaN", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        IReadOnlyList<ChartRenderer.Chart> charts = ChartRenderer.RenderAll(result);
        Assert.Equal(4, charts.Count);
        Assert.All(charts, c => Assert.True(c.Png.Length > 1000 && c.Png[1] == (byte)'P' && c.Png[2] == (byte)'N' && c.Png[3] == (byte)'G', c.FileName));
        Assert.False(result.Partial);
        return result;
    }
}
