using System.Net;
using System.Text.Json;
using ConcurrencyDemo.Cli;
using ConcurrencyDemo.Playground;
using ConcurrencyDemo.Tests.Cli;

namespace ConcurrencyDemo.Tests.Playground;

/// <summary>The playground's API against the command line: same validation, same numbers, one control per option.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundApiTests(PlaygroundServerFixture server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PlaygroundServerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdb-playground-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("rate=-1&num_req=10&latency=20ms", "rate", new[] { "--rate", "-1", "--num_req", "10", "--latency", "20ms" })]
    [InlineData("rate=10&num_req=x&latency=20ms", "num_req", new[] { "--rate", "10", "--num_req", "x", "--latency", "20ms" })]
    [InlineData("rate=10&num_req=10&latency=20ms*", "latency", new[] { "--rate", "10", "--num_req", "10", "--latency", "20ms*" })]
    [InlineData("rate=10&num_req=10&latency=20ms&eject=consecutive%3D0", "eject", new[] { "--rate", "10", "--num_req", "10", "--latency", "20ms", "--eject", "consecutive=0" })]
    [InlineData("rate=10&num_req=10&latency=20ms&threads=0", "threads", new[] { "--rate", "10", "--num_req", "10", "--latency", "20ms" }, new[] { "--threads", "0" })]
    [InlineData("rate=10&num_req=10&latency=20ms&arrivals=sometimes", "arrivals", new[] { "--rate", "10", "--num_req", "10", "--latency", "20ms", "--arrivals", "sometimes" })]
    public async Task ABadValue_GetsTheCommandLinesOwnMessage_NextToItsField(string query, string field, string[] global, string[]? own = null)
    {
        (int code, _, string stderr) = CliRunner.Run([.. global, "--clock", "virtual", "--output", _folder, "compare", .. own ?? []]);
        Assert.Equal(ExitCodes.UserError, code);
        string cliMessage = Assert.Single(stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));

        (HttpStatusCode status, JsonElement json) = await server.GetJsonAsync($"api/simulate?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        JsonElement problem = Assert.Single(json.GetProperty("problems").EnumerateArray());
        Assert.Equal(field, problem.GetProperty("key").GetString());
        Assert.Equal(cliMessage[PlaygroundTexts.ErrorPrefix.Length..], problem.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("50")]
    [InlineData("200")]
    public async Task Simulate_E3_PrintsTheSameNumbersAsTheCommandItGives(string threads)
    {
        (HttpStatusCode status, JsonElement json) = await server.GetJsonAsync($"api/simulate?rate=1000&num_req=10000&latency=20ms*9,30s&threads={threads}");
        Assert.Equal(HttpStatusCode.OK, status);
        string command = json.GetProperty("command").GetString()!;
        Assert.Equal($"concurrency-demo-benchmarks --rate 1000 --num_req 10000 --latency '20ms*9,30s' --clock virtual compare --threads {threads}", command);

        // The command as the page gives it, run by the command line (its output into a temporary folder).
        string[] words = PlaygroundTexts.ShellWords(command);
        (int code, string stdout, string stderr) = CliRunner.Run(["--output", _folder, "--quiet", .. words[1..]]);
        Assert.True(code == 0, stderr);

        JsonElement[] sides = [.. json.GetProperty("sides").EnumerateArray()];
        Assert.Equal(PlaygroundTexts.CompareSummary(stdout, "sync"), sides[0].GetProperty("summary").GetString());
        Assert.Equal(PlaygroundTexts.CompareSummary(stdout, "async"), sides[1].GetProperty("summary").GetString());
        Assert.Equal($"sync, {threads} threads", sides[0].GetProperty("title").GetString());
        foreach (JsonElement side in sides)
        {
            foreach (string chart in new[] { "rate", "timeline", "percentiles" })
            {
                string svg = side.GetProperty("charts").GetProperty(chart).GetString()!;
                Assert.Contains("<svg", svg, StringComparison.Ordinal);
                Assert.EndsWith("</svg>", svg.TrimEnd(), StringComparison.Ordinal);
                Assert.DoesNotMatch("<text[^>]* x=\"[^\"]*,", svg); // each label one run of text, not a position per glyph
            }

            Assert.Contains("theory: Avg rate", side.GetProperty("charts").GetProperty("rate").GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Simulate_ThreadPoolMode_IsDrawnOnTheLeft_WithTheCommandLinesNumbers()
    {
        (HttpStatusCode status, JsonElement json) = await server.GetJsonAsync("api/simulate?rate=1000&num_req=10000&latency=20ms*9,30s&timeout=1s&eject=&mode=threadpool&block=sleep&min-threads=50");
        Assert.Equal(HttpStatusCode.OK, status);
        string command = json.GetProperty("command").GetString()!;
        Assert.Equal("concurrency-demo-benchmarks --rate 1000 --num_req 10000 --latency '20ms*9,30s' --timeout 1s --eject --clock virtual compare --mode threadpool --block sleep --min-threads 50", command);

        string[] words = PlaygroundTexts.ShellWords(command);
        (int code, string stdout, string stderr) = CliRunner.Run(["--output", _folder, "--quiet", .. words[1..]]);
        Assert.True(code == 0, stderr);

        JsonElement[] sides = [.. json.GetProperty("sides").EnumerateArray()];
        Assert.Equal("threadpool", sides[0].GetProperty("mode").GetString());
        Assert.Equal($"threadpool (block sleep, min 50, max {ConcurrencyDemo.Scenarios.ThreadPoolSettings.MaxPossibleThreads})", sides[0].GetProperty("title").GetString());
        string summary = sides[0].GetProperty("summary").GetString()!;
        Assert.Equal(PlaygroundTexts.CompareSummary(stdout, "sync"), summary);
        Assert.Equal(PlaygroundTexts.CompareSummary(stdout, "async"), sides[1].GetProperty("summary").GetString());
        Assert.Contains("ThreadPool (modelled)", summary, StringComparison.Ordinal);
        Assert.Contains("Endpoints (--eject)", summary, StringComparison.Ordinal);
        Assert.Contains("<svg", sides[0].GetProperty("charts").GetProperty("rate").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mode=threadpool&threads=50", "--threads sets the pool of --mode sync")]
    [InlineData("min-threads=5", "add --mode threadpool")]
    [InlineData("mode=fast", "--mode: \"fast\" is not a mode")]
    public async Task Simulate_ModeOptionsOfTheOtherMode_AreRefused(string fields, string message)
    {
        (HttpStatusCode status, JsonElement json) = await server.GetJsonAsync($"api/simulate?rate=10&num_req=10&latency=20ms&{fields}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(json.GetProperty("problems").EnumerateArray(), p => p.GetProperty("message").GetString()!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_ToABrowserThatAcceptsGzip_SendsTheSameAnswerInUnderAQuarterOfTheBytes()
    {
        const string Path = "api/simulate?rate=1000&num_req=10000&latency=20ms*9,30s&threads=50";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Path, UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using HttpResponseMessage answer = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(["gzip"], answer.Content.Headers.ContentEncoding);
        byte[] sent = await answer.Content.ReadAsByteArrayAsync();
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(sent), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        JsonElement unpacked = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement;

        (HttpStatusCode plainStatus, JsonElement plain) = await server.GetJsonAsync(Path);
        Assert.Equal(HttpStatusCode.OK, plainStatus);
        int plainBytes = System.Text.Encoding.UTF8.GetByteCount(plain.GetRawText());
        Assert.True(sent.Length * 4 < plainBytes, $"{sent.Length} bytes gzipped, {plainBytes} plain");
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(plain.GetProperty("sides")[i].GetProperty("summary").GetString(), unpacked.GetProperty("sides")[i].GetProperty("summary").GetString());
            Assert.EndsWith("</svg>", unpacked.GetProperty("sides")[i].GetProperty("charts").GetProperty("rate").GetString()!.TrimEnd(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Simulate_SaysWhereItsTimeWent_SimulationChartsAndJson()
    {
        // The 100 000-request scenario of the 300 ms target: the answer splits the server's time into reading
        // the fields, simulating, drawing and serializing (Server-Timing), and the body carries the first two
        // for the page. The figures are logged, not asserted: timings on a shared machine are benchmarks.
        using HttpResponseMessage answer = await server.Client.GetAsync(new Uri("api/simulate?rate=10000&num_req=100000&latency=20ms*10", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        string timing = Assert.Single(answer.Headers.GetValues("Server-Timing"));
        Dictionary<string, double> parts = timing.Split(", ").Select(p => p.Split(";dur=")).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["read", "simulation", "charts", "json"], parts.Keys);
        Assert.All(parts.Values, ms => Assert.True(ms >= 0));
        JsonElement json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.InRange(json.GetProperty("simulation_ms").GetDouble(), parts["simulation"] - 0.11, parts["simulation"] + 0.11);
        Assert.InRange(json.GetProperty("charts_ms").GetDouble(), parts["charts"] - 0.11, parts["charts"] + 0.11);
        Assert.True(json.GetProperty("elapsed_ms").GetDouble() >= parts["simulation"] + parts["charts"] - 0.2, timing);
        output.WriteLine($"100 000 requests: {timing}; load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
    }

    [Fact]
    public async Task Simulate_MoreThreadsOnE3_RaisesSyncsRate_AndLeavesAsyncAlone()
    {
        (_, JsonElement fifty) = await server.GetJsonAsync("api/simulate?rate=1000&num_req=10000&latency=20ms*9,30s&threads=50");
        (_, JsonElement twoHundred) = await server.GetJsonAsync("api/simulate?rate=1000&num_req=10000&latency=20ms*9,30s&threads=200");
        double Rate(JsonElement json, int side) => json.GetProperty("sides")[side].GetProperty("avg_rate").GetDouble();

        // Little's law: 4x the threads holding the same 3.018 s mean each serve 4x the rate.
        Assert.InRange(Rate(twoHundred, 0) / Rate(fifty, 0), 3.5, 4.5);
        Assert.Equal(Rate(fifty, 1), Rate(twoHundred, 1));
    }

    [Fact]
    public async Task Simulate_ClosedLoopOnE3_HoldsAsyncToTheLoopsPace()
    {
        (HttpStatusCode status, JsonElement json) = await server.GetJsonAsync("api/simulate?rate=1000&num_req=10000&latency=20ms*9,30s&threads=50&arrivals=closed&connections=50");
        double Rate(int side) => json.GetProperty("sides")[side].GetProperty("avg_rate").GetDouble();

        Assert.Equal(HttpStatusCode.OK, status);
        // Behind 50 connections async sends no faster than the 50-thread pool serves: both at the loop's 14.85/s.
        Assert.Equal(14.854, Rate(0), 3);
        Assert.Equal(14.854, Rate(1), 3);
    }

    [Fact]
    public async Task Controls_AreCompareOptions_KindsFromTheOptionTree()
    {
        (HttpStatusCode status, JsonElement json) = await server.GetJsonAsync("api/controls");
        Assert.Equal(HttpStatusCode.OK, status);
        Dictionary<string, JsonElement> controls = json.GetProperty("controls").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);

        var options = new CliOptions();
        string[] left = ["--name", "--output", "--quiet", "--python_path", "--force", "--clock", "--transport", "--timer", "--upstream"];
        string[] expected = [.. options.Global.Where(o => options.AllowedFor("compare").Contains(o) && !left.Contains(o.Name)).Select(o => o.Name.TrimStart('-')), "mode", "threads", "block", "min-threads", "max-threads"];
        Assert.Equal(expected, controls.Keys);
        Assert.Equal("choice", controls["arrivals"].GetProperty("kind").GetString());
        Assert.Equal(["uniform", "poisson", "closed"], controls["arrivals"].GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("choice", controls["balancer"].GetProperty("kind").GetString());
        Assert.Equal("optionalvalue", controls["eject"].GetProperty("kind").GetString());
        Assert.True(controls["slowdown"].GetProperty("repeatable").GetBoolean());
        Assert.Equal("text", controls["rate"].GetProperty("kind").GetString());
        Assert.Equal(["sync", "threadpool"], controls["mode"].GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["result", "sleep", "poll"], controls["block"].GetProperty("choices").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("text", controls["min-threads"].GetProperty("kind").GetString());
        Assert.Equal(PlaygroundOptions.E3Query, json.GetProperty("start").GetString());
    }

    [Theory]
    [InlineData("api/simulate?rate=1000&num_req=2000000&latency=1ms", HttpStatusCode.BadRequest, "the playground simulates at most 1000000")]
    [InlineData("api/simulate?rate=1&num_req=30000&latency=1ms&threads=1", HttpStatusCode.UnprocessableEntity, "the playground draws at most 2.00 h")]
    [InlineData("api/simulate?rate=1000&num_req=20000&latency=1ms*100&fanout=100", HttpStatusCode.BadRequest, "--fanout: 20000 requests × 100 calls each")]
    [InlineData("api/simulate?rate=1&rate=2", HttpStatusCode.BadRequest, "--rate: given 2 times")]
    [InlineData("api/simulate?latencyy=1ms", HttpStatusCode.BadRequest, "unknown field \"latencyy\"")]
    [InlineData("api/simulate?rate=--help&num_req=10&latency=1ms", HttpStatusCode.BadRequest, "--rate: \"--help\" is not a number")]
    public async Task Simulate_RefusesWithAMessage(string path, HttpStatusCode expected, string message)
    {
        (HttpStatusCode status, JsonElement json) = await server.GetJsonAsync(path);
        Assert.Equal(expected, status);
        Assert.Contains(json.GetProperty("problems").EnumerateArray(), p => p.GetProperty("message").GetString()!.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFieldLongerThanTheLimit_IsRefused()
    {
        (HttpStatusCode status, JsonElement json) = await server.GetJsonAsync($"api/simulate?latency={new string('9', PlaygroundServer.MaxFieldLength + 1)}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("expected at most 2000", json.GetProperty("problems")[0].GetProperty("message").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DELETE", "api/simulate", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "api/simulate", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "api/real", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "etc/passwd", HttpStatusCode.NotFound)]
    [InlineData("GET", "", HttpStatusCode.OK)]
    [InlineData("GET", "playground.js", HttpStatusCode.OK)]
    public async Task Methods_AndPaths(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using HttpResponseMessage answer = await server.Client.SendAsync(request);
        Assert.Equal(expected, answer.StatusCode);
    }

    [Fact]
    public async Task ThePage_LoadsNothingFromElsewhere()
    {
        foreach (string asset in new[] { "", "playground.js", "playground.css" })
        {
            string text = await server.Client.GetStringAsync(new Uri(asset, UriKind.Relative));
            Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFloodOfSimulations_IsAnsweredOrRefused_NeverFailed()
    {
        // 60 at once of a 100 000-request scenario: a few run, a few wait, the rest get 429 at once.
        Task<HttpResponseMessage>[] flood = [.. Enumerable.Range(0, 60).Select(i => server.Client.GetAsync(new Uri($"api/simulate?rate=10000&num_req=100000&latency=20ms*10&seed={i}", UriKind.Relative)))];
        HttpResponseMessage[] answers = await Task.WhenAll(flood);
        try
        {
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, a.StatusCode.ToString()));
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);
        }
        finally
        {
            foreach (HttpResponseMessage answer in answers)
            {
                answer.Dispose();
            }
        }

        (HttpStatusCode after, _) = await server.GetJsonAsync("api/simulate?rate=1000&num_req=1000&latency=20ms");
        Assert.Equal(HttpStatusCode.OK, after);
    }
}
