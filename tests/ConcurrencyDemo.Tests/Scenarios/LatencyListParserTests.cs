using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Scenarios;

public sealed class LatencyListParserTests
{
    [Theory]
    [InlineData("20ms*9,30s", 10)]
    [InlineData("10ms,20ms,30ms", 3)]
    [InlineData(" 20ms * 2 , 1s ", 3)]
    [InlineData("5", 1)]
    public void TryParse_ValidList_GivesOneLatencyPerEndpoint(string text, int endpoints)
    {
        Assert.True(LatencyListParser.TryParse(text, out IReadOnlyList<TimeSpan> latencies, out string error), error);
        Assert.Equal(endpoints, latencies.Count);
    }

    [Fact]
    public void TryParse_ArticleE3_NineFastOneDead()
    {
        Assert.True(LatencyListParser.TryParse("20ms*9,30s", out IReadOnlyList<TimeSpan> latencies, out _));
        Assert.All(latencies.Take(9), l => Assert.Equal(TimeSpan.FromMilliseconds(20), l));
        Assert.Equal(TimeSpan.FromSeconds(30), latencies[9]);
    }

    [Theory]
    [InlineData("250ns", 3)] // 2.5 ticks, rounded half away from zero
    [InlineData("250us", 2500)]
    [InlineData("250µs", 2500)]
    [InlineData("1.5ms", 15_000)]
    [InlineData("7", 70_000)]
    [InlineData("2s", 20_000_000)]
    [InlineData("1m", 600_000_000)]
    [InlineData("0.5h", 18_000_000_000)]
    public void DurationParser_Units_GiveTicks(string text, long ticks)
    {
        Assert.True(DurationParser.TryParse(text, out TimeSpan d, out string error), error);
        Assert.Equal(ticks, d.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("20ms*")]
    [InlineData("*3")]
    [InlineData("20ms*0")]
    [InlineData("20ms*-1")]
    [InlineData("-5ms")]
    [InlineData("abc")]
    [InlineData("20xs")]
    [InlineData("1e400s")]
    [InlineData("20ms**2")]
    [InlineData(",")]
    [InlineData("20ms,,30ms")]
    [InlineData("99999999999999999999999999999999s")]
    [InlineData("20ms*99999999999")]
    [InlineData("٣ms")]
    [InlineData("2d")]
    public void TryParse_Invalid_RejectedWithValidForm(string text)
    {
        Assert.False(LatencyListParser.TryParse(text, out _, out string error));
        Assert.Contains("--latency", error, StringComparison.Ordinal);
        Assert.Contains("expected", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }
}
