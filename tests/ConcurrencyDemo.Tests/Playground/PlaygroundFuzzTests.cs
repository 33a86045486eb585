using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CsCheck;
using Xunit.Abstractions;
using ConcurrencyDemo.Cli;

namespace ConcurrencyDemo.Tests.Playground;

/// <summary>
/// Thousands of malformed and hostile requests: wrong methods and paths, unknown and repeated
/// fields, huge numbers, very long and control-character strings, option words as values, raw
/// broken HTTP. Every answer is a 2xx or a 4xx, and the server still answers afterwards.
/// </summary>
[Collection(PlaygroundCollection.Name)]
public sealed class PlaygroundFuzzTests(PlaygroundServerFixture server, ITestOutputHelper output) : IClassFixture<PlaygroundServerFixture>
{
    private static readonly string[] s_keys = [.. new PlaygroundOptions().Controls.Select(c => c.Key)];

    private static readonly Gen<string> s_hostileValue = Gen.OneOf(
        Gen.OneOf(
            "", "-1", "0", "1", "10", "1000", "0.5", "1e308", "-1e308", "NaN", "Infinity", "∞", "99999999999999999999999",
            "2147483648", "9223372036854775808", "20ms*10", "20ms*9,30s", "1ms*100000", "1ms*999999999", "exp(1ms)*10",
            "lognormal(p50=1s,p99=1ms)", "mix(1ms,30s@50%)", "--help", "-h", "--version", "sync", "async", "compare", "serve",
            "@file", "--rate=1", "1000 --force", "0=1s@0-1", "all=1h@0-99999999", "10/9", "100000", "p2c", "poisson",
            "consecutive=1,interval=1ns", "ratio=2", "<script>alert(1)</script>", "'; rm -rf / #", "\u0000", "\u001b[31m", "%", "\r\n"),
        Gen.String[0, 40],
        Gen.Char["0123456789.,*msunh µ-+eE=@%()/"].Array[0, 30].Select(a => new string(a)),
        Gen.Int[100, 5000].Select(n => new string('9', n)));

    private static readonly Gen<string> s_key = Gen.OneOf(Gen.OneOf(s_keys), Gen.OneOf(s_keys), Gen.String[0, 20], Gen.OneOf("force", "output", "name", "upstream", "clock", "help"));

    // Mostly the API (so most requests reach the validation), sometimes anything.
    private static readonly Gen<string> s_path = Gen.Frequency(
        (6, Gen.Const("/api/simulate")),
        (2, Gen.Const("/api/real")),
        (2, Gen.OneOf("/", "/api/controls", "/playground.js", "/api/simulate/", "/API/SIMULATE", "/..%2f..%2fetc/passwd", "/%00", "//api//simulate")),
        (1, Gen.Char["abcxyz/%.-_"].Array[0, 30].Select(a => "/" + new string(a))));

    private static readonly Gen<string> s_method = Gen.Frequency(
        (8, Gen.Const("GET")),
        (2, Gen.Const("POST")),
        (1, Gen.OneOf("PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE")));

    private static readonly Gen<(string Method, string Path, (string Key, string Value)[] Fields, bool Escape)> s_request =
        Gen.Select(s_method, s_path, Gen.Select(s_key, s_hostileValue).Array[0, 10], Gen.Bool);

    [Fact]
    public void ThousandsOfHostileRequests_Get2xxOr4x_AndTheServerStillAnswers()
    {
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        s_request.Sample(
            request =>
            {
                HttpStatusCode status = Send(request).GetAwaiter().GetResult();
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                Assert.True((int)status is >= 200 and < 500, $"{(int)status} for {request.Method} {request.Path} {string.Join("&", request.Fields)}");
            },
            iter: 2500,
            threads: 4);

        string counts = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}"));
        output.WriteLine(counts);
        Assert.True(statuses.Keys.Count(s => (int)s >= 400) >= 3, counts);
        AnswersE3();
    }

    [Fact]
    public async Task BrokenHttp_IsRefused_AndTheServerStillAnswers()
    {
        // Kestrel refuses these before they reach the playground: a 4xx, or for an HTTP version it
        // does not speak the status HTTP defines for that, 505 (the one 5xx, and not the playground's).
        (string Text, string Status)[] raw =
        [
            ("GARBAGE\r\n\r\n", "4"),
            ("GET / HTTP/9.9\r\nHost: x\r\n\r\n", "505"),
            ("GET /api/simulate?" + new string('a', 40_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "4"),
            ("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + new string('b', 40_000) + "\r\n\r\n", "4"),
            ("POST /api/real HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\nxxxx", "4"),
            ("GET /\0 HTTP/1.1\r\nHost: x\r\n\r\n", "4"),
            ("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "200"), // the body is never read
        ];
        foreach ((string text, string status) in raw)
        {
            string answer = await SendRaw(text);
            output.WriteLine($"{text[..Math.Min(30, text.Length)].ReplaceLineEndings(" ")} → {(answer.Length == 0 ? "(closed)" : answer.Split('\r')[0])}");
            Assert.True(answer.StartsWith($"HTTP/1.1 {status}", StringComparison.Ordinal), $"\"{answer.Split('\n')[0]}\" for {text[..Math.Min(30, text.Length)]}");
        }

        AnswersE3();
    }

    private void AnswersE3()
    {
        using HttpResponseMessage after = server.Client.GetAsync(new Uri("api/simulate?" + PlaygroundOptions.E3Query, UriKind.Relative)).GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<HttpStatusCode> Send((string Method, string Path, (string Key, string Value)[] Fields, bool Escape) request)
    {
        string query = string.Join("&", request.Fields.Select(f => request.Escape
            ? $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"
            : $"{f.Key}={f.Value}"));
        // "//x" would name another host: keep every request on the server under test.
        string path = "/" + request.Path.TrimStart('/');
        if (!Uri.TryCreate(server.Server.Url, path + (query.Length > 0 ? "?" + query : ""), out Uri? uri) || uri.Authority != server.Server.Url.Authority)
        {
            return HttpStatusCode.OK; // not even a URL a client can send
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        // Read only the headers: a real-clock run that happens to be valid streams for seconds, and
        // leaving stops it (the page went away), which is a case worth fuzzing too.
        using HttpResponseMessage answer = await server.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        return answer.StatusCode;
    }

    private async Task<string> SendRaw(string text)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Server.Url.Host, server.Server.Url.Port);
        NetworkStream stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(text));
        }
        catch (IOException)
        {
            // the server closed the connection while we were still sending: a refusal
        }

        var buffer = new byte[4096];
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            int n = await stream.ReadAsync(buffer, read.Token);
            return Encoding.Latin1.GetString(buffer, 0, n);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            return ""; // closed, or no answer within 15 s: the server is checked to still answer after
        }
    }
}
