using System.Net;
using System.Text.Json;
using ConcurrencyDemo.Cli;
using ConcurrencyDemo.Playground;

namespace ConcurrencyDemo.Tests.Playground;

/// <summary>One playground server in this process, on 127.0.0.1 and a free port, shared by a test class.</summary>
public sealed class PlaygroundServerFixture : IAsyncLifetime
{
    public PlaygroundServer Server { get; private set; } = null!;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        Server = await PlaygroundServer.StartAsync(new PlaygroundOptions(), IPAddress.Loopback, 0, CancellationToken.None);
        Client.BaseAddress = Server.Url;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>GETs <paramref name="path"/> and returns the status and the JSON answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json)> GetJsonAsync(string path)
    {
        using HttpResponseMessage answer = await Client.GetAsync(new Uri(path, UriKind.Relative));
        string body = await answer.Content.ReadAsStringAsync();
        return (answer.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }
}
