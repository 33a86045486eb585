using System.Net;
using System.Text.Json;

namespace ConcurrencyDemo.Tests.Playground;

/// <summary>"Run on the real clock": progress as server-sent events, then the real results; one run at a time.</summary>
[Collection(RealClockCollection.Name)]
public sealed class PlaygroundRealClockTests(PlaygroundServerFixture server) : IClassFixture<PlaygroundServerFixture>
{
    [Fact]
    public async Task RealRun_StreamsProgress_ThenBothResults_AndRefusesASecondAtTheSameTime()
    {
        // 1000 requests at 1000 rps per mode: about 2 s of load in all.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/real?rate=1000&num_req=1000&latency=5ms*2&threads=20", UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("gzip"); // as a browser asks: the events still come uncompressed, one at a time
        using HttpResponseMessage answer = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/event-stream", answer.Content.Headers.ContentType?.MediaType);
        Assert.Empty(answer.Content.Headers.ContentEncoding);

        using (HttpResponseMessage second = await server.Client.PostAsync(new Uri("api/real?rate=1000&num_req=10&latency=5ms", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        }

        string events = await answer.Content.ReadAsStringAsync();
        string[] blocks = events.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(blocks, b => b.StartsWith("event: progress\ndata: {\"mode\":\"sync\"", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.StartsWith("event: progress\ndata: {\"mode\":\"async\"", StringComparison.Ordinal));
        string result = Assert.Single(blocks, b => b.StartsWith("event: result\n", StringComparison.Ordinal));
        using JsonDocument json = JsonDocument.Parse(result["event: result\ndata: ".Length..]);
        Assert.Equal("real", json.RootElement.GetProperty("clock").GetString());
        foreach (JsonElement side in json.RootElement.GetProperty("sides").EnumerateArray())
        {
            Assert.Equal(1000, side.GetProperty("successes").GetInt64());
            Assert.Contains("real clock", side.GetProperty("summary").GetString()!, StringComparison.Ordinal);
            Assert.False(side.GetProperty("partial").GetBoolean());
        }

        // Free again once the run is over.
        using HttpResponseMessage third = await server.Client.PostAsync(new Uri("api/real?rate=1000&num_req=10&latency=5ms", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        await third.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task RealRun_LongerThanTenSeconds_IsRefused()
    {
        using HttpResponseMessage answer = await server.Client.PostAsync(new Uri("api/real?" + ConcurrencyDemo.Cli.PlaygroundOptions.E3Query, UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("the playground runs at most 10.00 s", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealRun_OfTheThreadPoolMode_IsRefused_ItWouldSetTheServersOwnPool()
    {
        using HttpResponseMessage answer = await server.Client.PostAsync(new Uri("api/real?rate=1000&num_req=10&latency=5ms&mode=threadpool", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        string body = await answer.Content.ReadAsStringAsync();
        Assert.Contains("\"key\":\"mode\"", body, StringComparison.Ordinal);
        Assert.Contains("run the command below in a terminal", body, StringComparison.Ordinal);
    }
}
