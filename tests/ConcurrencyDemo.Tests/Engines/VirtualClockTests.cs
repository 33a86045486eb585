using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>The article's experiments on the virtual clock, where the answers are exact or close to the theory.</summary>
public sealed class VirtualClockTests
{
    private static RunResult Run(Scenario scenario) => new ScenarioRun(scenario).Run(CancellationToken.None);

    [Theory]
    [InlineData(1000, 50)]
    [InlineData(2000, 50)]
    [InlineData(1000, null)]
    [InlineData(2000, null)]
    public void E1E2_TargetRateWithZeroStdDevAndZeroOverhead(double rate, int? threads)
    {
        RunResult result = Run(TestScenarios.Build(rate, 10_000, "20ms*10", threads));

        Assert.Equal(rate, result.Statistics.Rate.Average, 9);
        Assert.Equal(0, result.Statistics.Rate.StdDev, 9);
        Assert.Equal(0, result.Statistics.Percentiles[^1].OverheadMs);
        Assert.Null(result.Machine);
    }

    [Fact]
    public void E3Sync_CollapsesToLittlesLawRate_WithOverheadInHundredsOfSeconds()
    {
        RunResult result = Run(TestScenarios.Build(1000, 10_000, "20ms*9,30s", threads: 50));

        // Deterministic, so exact (theory 14.911/s, the article 14.670).
        Assert.Equal(14.853658536585366, result.Statistics.Rate.Average, 12);
        Assert.Equal(54.271798031095514, result.Statistics.Rate.StdDev, 12);
        Assert.Equal(268_304.383, result.Statistics.OverheadMsAt(50));
        Assert.Equal(TimeSpan.FromTicks(6_054_050_000), result.Statistics.LastCompletion);
        Assert.Equal(1000, result.Statistics.Timeouts);
        // The timeline shows the collapse: the p50 of late starters is far above the early ones'.
        Assert.True(result.Statistics.Timeline[^1].P50Ms > 100 * (result.Statistics.Timeline[0].P50Ms + 1));
    }

    [Fact]
    public void E3Async_KeepsNinetyPercent()
    {
        RunResult result = Run(TestScenarios.Build(1000, 10_000, "20ms*9,30s"));

        Assert.Equal(900, result.Statistics.Rate.Average, 9);
        Assert.Equal(1000, result.Statistics.Timeouts);
    }

    [Fact]
    public void E5Sync_MatchesLittlesLaw()
    {
        RunResult result = Run(TestScenarios.Build(1000, 10_000, "60ms*10", threads: 50));

        // Exact (deterministic); Little's law says 833.33, the short run's whole seconds give 832.73.
        Assert.Equal(832.7272727272727, result.Statistics.Rate.Average, 12);
        Assert.Equal(833.333, ScenarioTheory.For(result.Scenario).ExpectedSuccessRate, 0.001);
    }

    [Fact]
    public void SameSeed_ByteIdenticalJson()
    {
        Scenario scenario = TestScenarios.Build(500, 5_000, "20ms*9,30s", threads: 20, arrivals: ArrivalPattern.Poisson, seed: 7);

        string first = JsonReport.Serialize(Run(scenario));
        string second = JsonReport.Serialize(Run(scenario));

        Assert.Equal(first, second);
    }

    [Fact]
    public void DifferentSeed_PoissonArrivalsDiffer()
    {
        Scenario a = TestScenarios.Build(500, 2_000, "20ms*10", threads: 5, arrivals: ArrivalPattern.Poisson, seed: 1);
        Scenario b = a with { Seed = 2 };

        Assert.NotEqual(JsonReport.Serialize(Run(a)), JsonReport.Serialize(Run(b)) .Replace("\"seed\": 2", "\"seed\": 1", StringComparison.Ordinal));
    }

    [Fact]
    public void CpuCost_CapsAsyncAtCoresOverCpuTime()
    {
        Scenario scenario = TestScenarios.Build(1000, 10_000, "20ms*10") with
        {
            Costs = new ModelCosts(TimeSpan.FromMilliseconds(4), 2, TimeSpan.Zero),
        };

        RunResult result = Run(scenario);

        // 2 cores / 4 ms = 500 requests/s, exactly, every second.
        Assert.Equal(500, result.Statistics.Rate.Average);
        Assert.Equal(0, result.Statistics.Rate.StdDev);
    }

    [Fact]
    public void MillionRequests_RunFast()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        RunResult result = Run(TestScenarios.Build(10_000, 1_000_000, "20ms*9,30s", threads: 500));

        Assert.Equal(1_000_000, result.Statistics.Successes + result.Statistics.Timeouts);
        // Generous: the benchmark measures the real speed; this only catches an accidental O(n²).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
