using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Scenarios;

public sealed class ScenarioBuilderTransportTests
{
    [Fact]
    public void Default_IsTheModelTransport()
    {
        Scenario scenario = Builder().Build();

        Assert.Equal(TransportKind.Model, scenario.Transport);
        Assert.Empty(scenario.Upstreams);
    }

    [Fact]
    public void Upstream_ImpliesHttp_OneUrlPerEndpoint()
    {
        ScenarioBuilder builder = Builder();
        builder.Latency = "20ms,30ms";
        builder.Upstream = "http://127.0.0.1:8080/, https://example.test/api";

        Scenario scenario = builder.Build();

        Assert.Equal(TransportKind.Http, scenario.Transport);
        Assert.Equal([new Uri("http://127.0.0.1:8080/"), new Uri("https://example.test/api")], scenario.Upstreams);
    }

    [Fact]
    public void HttpOnTheVirtualClock_IsAUserError()
    {
        ScenarioBuilder builder = Builder();
        builder.Transport = TransportKind.Http;
        builder.Clock = ClockKind.Virtual;

        ScenarioException e = Assert.Throws<ScenarioException>(builder.Build);

        Assert.Contains(e.Problems, p => p.Contains("--transport http", StringComparison.Ordinal) && p.Contains("--clock virtual", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("20ms*3", "http://127.0.0.1:1/", "1 URL but --latency lists 3 endpoints")]
    [InlineData("20ms", "ftp://127.0.0.1/", "is not an http:// or https:// URL")]
    [InlineData("20ms", "not a url", "is not an http:// or https:// URL")]
    public void BadUpstream_IsAUserError(string latency, string upstream, string expected)
    {
        ScenarioBuilder builder = Builder();
        builder.Latency = latency;
        builder.Upstream = upstream;

        ScenarioException e = Assert.Throws<ScenarioException>(builder.Build);

        Assert.Contains(e.Problems, p => p.StartsWith("--upstream", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void UpstreamWithTheModelTransport_IsAUserError()
    {
        ScenarioBuilder builder = Builder();
        builder.Transport = TransportKind.Model;
        builder.Upstream = "http://127.0.0.1:1/";

        Assert.Throws<ScenarioException>(builder.Build);
    }

    [Fact]
    public void TooManyLoopbackServers_IsAUserError()
    {
        ScenarioBuilder builder = Builder();
        builder.Transport = TransportKind.Http;
        builder.Latency = $"1ms*{ScenarioBuilder.MaxHttpEndpoints + 1}";

        Assert.Throws<ScenarioException>(builder.Build);
    }

    private static ScenarioBuilder Builder() => new() { Name = "t", Rate = "100", RequestCount = "10", Latency = "20ms", Engine = EngineKind.Async };
}
