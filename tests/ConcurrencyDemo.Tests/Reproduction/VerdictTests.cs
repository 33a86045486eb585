using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Reproduction;

namespace ConcurrencyDemo.Tests.Reproduction;

/// <summary>Verdicts say "matches" only within their stated rule, and their sentences follow from the numbers (issue 11).</summary>
public sealed class VerdictTests
{
    [Fact]
    public void E3_FinishingFiftyTimesLaterIsNotTheArticlesHundred()
    {
        (Verdict verdict, string why) = E3DeadUpstream.Judge(14.854, 900, 52);

        Assert.NotEqual(Verdict.Matches, verdict);
        Assert.Contains("100x", why, StringComparison.Ordinal);
    }

    [Fact]
    public void E3_RatesAndRatioWithinTheRule_Match()
    {
        Assert.Equal(Verdict.Matches, E3DeadUpstream.Judge(14.854, 900, 95).Verdict);
        Assert.Equal(Verdict.Differs, E3DeadUpstream.Judge(20, 900, 95).Verdict);
    }

    [Fact]
    public void E9_SameOrderButFarSmallerRatios_IsSameDirectionNotMatches()
    {
        (Verdict verdict, string why) = E9MicroBenchmarks.Judge(495.3, 1901.9, 13_363.1);

        Assert.NotEqual(Verdict.Matches, verdict);
        Assert.Contains("same direction, different size", why, StringComparison.Ordinal);
        Assert.Contains("65 ps", why, StringComparison.Ordinal);
    }

    [Fact]
    public void E9_TheArticlesOwnFigures_Match()
    {
        Assert.Equal(Verdict.Matches, E9MicroBenchmarks.Judge(0.0646, 7.311, 23.123).Verdict);
        Assert.Equal(Verdict.Differs, E9MicroBenchmarks.Judge(10, 5, 20).Verdict);
    }

    [Fact]
    public void E8_VirtualClockAlone_CannotDecide()
    {
        (Verdict verdict, _) = E8ThreadsFor10k.Judge(200, 200, null);

        Assert.NotEqual(Verdict.Matches, verdict);
    }

    [Fact]
    public void E8_RealClockPoolAtTheTheorysMinimumFallingBehind_Differs()
    {
        var real = new List<E8ThreadsFor10k.PoolFigures> { new(200, 9816, 54.7, false), new(400, 9996, 100, false) };

        Assert.Equal(Verdict.Differs, E8ThreadsFor10k.Judge(200, 200, real).Verdict);
        Assert.Equal(Verdict.Matches, E8ThreadsFor10k.Judge(200, 200, [new(200, 10_000, 5, true), new(400, 10_000, 4, true)]).Verdict);
    }

    [Fact]
    public void E8_ComparingPools_FollowsFromTheirNumbers()
    {
        string sentence = E8ThreadsFor10k.ComparePools(new(200, 9816, 54.7, false), new(400, 9996, 100, false));

        Assert.DoesNotContain("no better", sentence, StringComparison.Ordinal);
        Assert.Contains("9996", sentence, StringComparison.Ordinal);
        Assert.Contains("9816", sentence, StringComparison.Ordinal);
        Assert.Contains("no better", E8ThreadsFor10k.ComparePools(new(200, 9816, 54.7, false), new(400, 9810, 60, false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Reproduce_EveryVerdictStatesItsRule()
    {
        var sample = new MemorySample(MemoryProbeKind.BlockedThreads, 100, 800L << 20, 3L << 20, 3L << 20, 100);
        var memory = new MemoryReport(sample with { Count = 0 }, [new MemoryCost(sample, 8 << 20, 20 << 10)], sample with { Kind = MemoryProbeKind.PendingAsync, Count = 0 }, [], 8 << 20);
        var reproduction = new ArticleReproduction(new ReproductionOptions(Quick: true, VirtualOnly: true), (_, _) => memory, () => null, (_, _) => { });

        ReproductionReport report = reproduction.Run("test", CancellationToken.None);

        Assert.Equal(["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9"], report.Experiments.Select(e => e.Id).Take(9));
        Assert.Contains(report.Experiments, e => e.Id == "E12" && e.Verdict == Verdict.Matches);
        ExperimentResult e13 = report.Experiments.Single(e => e.Id == "E13");
        Assert.Equal(Verdict.Matches, e13.Verdict);
        Assert.Equal("did not recover within the run", e13.Table[2][5]); // 3 retries without a budget
        Assert.EndsWith("after the window ended", e13.Table[1][5], StringComparison.Ordinal);
        Assert.EndsWith("after the window ended", e13.Table[3][5], StringComparison.Ordinal);
        Assert.All(report.Experiments.Where(e => e.Verdict != Verdict.NotRun), e => Assert.False(string.IsNullOrWhiteSpace(e.Rule), e.Id));
        Assert.Contains(report.Experiments, e => e.Id == "E4" && e.Theory.Contains("too short", StringComparison.Ordinal));
    }
}
