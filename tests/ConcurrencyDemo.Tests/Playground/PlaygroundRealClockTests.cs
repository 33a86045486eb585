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

    /// <summary>
    /// A simulation asked for while a real-clock run measures waits for that run to end: on two cores it
    /// would take the CPU the run's timers need, and its lateness would be counted as the service's.
    /// </summary>
    [Fact]
    public async Task Simulation_AskedForDuringARealRun_WaitsUntilTheRunHasEnded()
    {
        // About 2 s of load (1000 requests at 1000 rps per mode); the simulation alone takes milliseconds.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/real?rate=1000&num_req=1000&latency=5ms*2&threads=20", UriKind.Relative));
        using HttpResponseMessage answer = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await answer.Content.ReadAsStreamAsync());
        while (await events.ReadLineAsync() is string line && !line.StartsWith("event: progress", StringComparison.Ordinal))
        {
            // until the real run has begun
        }

        Task<HttpResponseMessage> simulation = server.Client.GetAsync(new Uri("api/simulate?rate=1000&num_req=1000&latency=5ms*2&threads=20", UriKind.Relative));
        // Judged at the second progress event after it was asked for: the run is still measuring then (more
        // events follow), and a simulation that did not wait would long have been answered (it takes milliseconds).
        int progressSince = 0;
        bool resultSeen = false;
        while (await events.ReadLineAsync() is string line)
        {
            if (line.StartsWith("event: progress", StringComparison.Ordinal) && ++progressSince == 2)
            {
                Assert.False(simulation.IsCompleted, "the simulation was answered while the real run was measuring");
            }

            resultSeen |= line.StartsWith("event: result", StringComparison.Ordinal);
        }

        Assert.True(progressSince >= 2 && resultSeen, $"the real run sent {progressSince} progress events after the simulation was asked for, then {(resultSeen ? "its results" : "no results")}");
        using HttpResponseMessage simulated = await simulation;
        Assert.Equal(HttpStatusCode.OK, simulated.StatusCode);
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
