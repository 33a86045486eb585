using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Scenarios;

public sealed class LatencyDistributionTests
{
    private static LatencyDistribution Parse(string text)
    {
        Assert.True(LatencyDistributionParser.TryParse(text, out LatencyDistribution d, out string error), error);
        return d;
    }

    [Fact]
    public void List_MixesFixedValuesAndDistributions_CommasInsideBracketsStayTogether()
    {
        Assert.True(LatencyListParser.TryParseDistributions("20ms*2,lognormal(p50=20ms,p99=200ms),uniform(10ms,30ms)*3,exp(5ms)", out var list, out string error), error);

        Assert.Equal(7, list.Count);
        Assert.Equal(new FixedLatency(TimeSpan.FromMilliseconds(20)), list[0]);
        Assert.Equal(new LogNormalLatency(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200)), list[2]);
        Assert.Equal(new UniformLatency(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(30)), list[5]);
        Assert.Equal(new ExponentialLatency(TimeSpan.FromMilliseconds(5)), list[6]);
    }

    [Fact]
    public void Means_AreTheClosedForms()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(20), Parse("exp(20ms)").Mean);
        Assert.Equal(TimeSpan.FromMilliseconds(20), Parse("uniform(10ms,30ms)").Mean);
        // exp(μ + σ²/2) with σ = ln 10 / 2.3263: 1.632 × the median.
        Assert.Equal(32.641, Parse("lognormal(p50=20ms,p99=200ms)").Mean.TotalMilliseconds, 3);
        Assert.Equal(19.9, Parse("mix(10ms,1s@1%)").Mean.TotalMilliseconds, 9);
    }

    [Theory]
    [InlineData("exp(20ms)")]
    [InlineData("uniform(10ms,30ms)")]
    [InlineData("lognormal(p50=20ms,p99=200ms)")]
    [InlineData("mix(10ms,1s@1%)")]
    public void Draws_HaveTheDistributionsMeanAndShape(string text)
    {
        LatencyDistribution d = Parse(text);
        const int n = 200_000;
        double[] draws = [.. Enumerable.Range(0, n).Select(i => d.Quantile(UpstreamSchedule.UniformDraw(7, i, 0)).TotalMilliseconds).Order()];

        // 200 000 draws: the mean within 2 % (lognormal's heavy tail: 3 %), quantiles within 3 %.
        Assert.Equal(d.Mean.TotalMilliseconds, draws.Average(), d.Mean.TotalMilliseconds * (d is LogNormalLatency ? 0.03 : 0.02));
        if (d is LogNormalLatency)
        {
            Assert.Equal(20, draws[n / 2], tolerance: 0.6);
            Assert.Equal(200, draws[(int)(n * 0.99)], tolerance: 6.0);
        }

        if (d is UniformLatency)
        {
            Assert.InRange(draws[0], 10, 10.01);
            Assert.InRange(draws[^1], 29.99, 30);
        }

        if (d is MixedLatency)
        {
            Assert.Equal(0.01, draws.Count(x => x == 1000) / (double)n, 0.001);
        }
    }

    [Fact]
    public void Draw_DependsOnlyOnSeedRequestAndCall()
    {
        Assert.Equal(UpstreamSchedule.UniformDraw(1, 42, 3), UpstreamSchedule.UniformDraw(1, 42, 3));
        Assert.NotEqual(UpstreamSchedule.UniformDraw(1, 42, 3), UpstreamSchedule.UniformDraw(2, 42, 3));
        Assert.NotEqual(UpstreamSchedule.UniformDraw(1, 42, 3), UpstreamSchedule.UniformDraw(1, 43, 3));
        Assert.NotEqual(UpstreamSchedule.UniformDraw(1, 42, 3), UpstreamSchedule.UniformDraw(1, 42, 4));
    }

    [Theory]
    [InlineData("lognormal(p50=200ms,p99=20ms)", "p99 must be above p50")]
    [InlineData("lognormal(p50=20ms,p99=20ms)", "p99 must be above p50")]
    [InlineData("lognormal(p50=20ms)", "needs both p50 and p99")]
    [InlineData("lognormal(p50=20ms,p90=30ms)", "p50=...,p99=...")]
    [InlineData("exp(-20ms)", "negative")]
    [InlineData("exp(0ms)", "greater than 0")]
    [InlineData("uniform(30ms,10ms)", "HIGH is below LOW")]
    [InlineData("uniform(-1ms,10ms)", "negative")]
    [InlineData("mix(10ms,1s@101%)", "percentage")]
    [InlineData("mix(10ms,1s)", "mix takes")]
    [InlineData("gamma(2,10ms)", "unknown distribution")]
    [InlineData("exp(20ms", "ends with ')'")]
    public void ImpossibleParameters_AreOneLineNamingTheProblem(string text, string names)
    {
        Assert.False(LatencyListParser.TryParseDistributions(text, out _, out string error));

        Assert.Contains(names, error, StringComparison.Ordinal);
        Assert.StartsWith("--latency:", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }
}
