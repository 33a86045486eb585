using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Scenarios;

public sealed class UpstreamBehaviourOptionTests
{
    private static ScenarioBuilder Builder(string latency = "20ms*4", string? fanout = null, params string[] slowdowns) => new()
    {
        Rate = "1000",
        RequestCount = "10000", // the last request is due at 9.999 s
        Latency = latency,
        Clock = ClockKind.Virtual,
        Slowdowns = slowdowns,
        Fanout = fanout,
    };

    [Fact]
    public void Slowdowns_AndFanout_AreParsed()
    {
        Scenario s = Builder("20ms*4", "4/3", "1=2s@1-2.5", "all=30s@3-4").Build();

        Assert.Equal(new Slowdown(1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2.5)), s.Slowdowns[0]);
        Assert.Equal(new Slowdown(null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)), s.Slowdowns[1]);
        Assert.Equal(new Fanout(4, 3), s.Fanout);
        Assert.Empty(s.EndpointDistributions); // fixed values need no draws
    }

    [Theory]
    [InlineData("4=2s@1-2", "endpoint \"4\" is not an index from 0 to 3")]
    [InlineData("x=2s@1-2", "endpoint \"x\"")]
    [InlineData("0=2s@2-1", "FROM must be before TO")]
    [InlineData("0=2s@2-2", "FROM must be before TO")]
    [InlineData("0=2s@12-20", "starts after the last request is due at 9.999s")]
    [InlineData("0=2s@1", "is not FROM-TO")]
    [InlineData("0=fast@1-2", "latency")]
    [InlineData("0@1-2", "expected ENDPOINT=LATENCY@FROM-TO")]
    public void BadSlowdown_IsOneLine(string slowdown, string names)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => Builder(slowdowns: slowdown).Build());

        string problem = Assert.Single(e.Problems);
        Assert.StartsWith("--slowdown:", problem, StringComparison.Ordinal);
        Assert.Contains(names, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "K = 0")]
    [InlineData("5", "K = 5 but --latency lists 4 endpoints")]
    [InlineData("3/4", "Q = 4 is not from 1 to K = 3")]
    [InlineData("3/0", "Q = 0")]
    [InlineData("many", "is not K or K/Q")]
    public void BadFanout_IsOneLine(string fanout, string names)
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => Builder(fanout: fanout).Build());

        string problem = Assert.Single(e.Problems);
        Assert.StartsWith("--fanout:", problem, StringComparison.Ordinal);
        Assert.Contains(names, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidLatency_IsTheOneProblem_NotEndpointIndexesCheckedAgainstAGuess()
    {
        ScenarioException e = Assert.Throws<ScenarioException>(() => Builder("lognormal(p50=20ms,p99=10ms)*4", "3/2", "3=1s@1-2").Build());

        Assert.StartsWith("--latency:", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenUpstreams_DoNotFollowOurSchedule()
    {
        ScenarioBuilder b = Builder(slowdowns: "0=2s@1-2");
        b.Clock = ClockKind.Real;
        b.Upstream = "http://127.0.0.1:1/,http://127.0.0.1:2/,http://127.0.0.1:3/,http://127.0.0.1:4/";

        ScenarioException e = Assert.Throws<ScenarioException>(b.Build);

        Assert.Contains("--upstream", Assert.Single(e.Problems), StringComparison.Ordinal);
    }
}
