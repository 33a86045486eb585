using ConcurrencyDemo.Timing;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConcurrencyDemo.Upstream;

/// <summary>
/// One upstream endpoint as a real HTTP server: Kestrel, a minimal API bound to 127.0.0.1 on a free
/// port, answering <c>GET /</c> with 200 "ok" after the endpoint's latency. It awaits an
/// <see cref="DueTimeScheduler"/>, so a slow endpoint holds no server thread — only the client under
/// test may block. A black hole accepts the connection, reads the request and never answers.
/// </summary>
internal sealed class UpstreamServer : IAsyncDisposable
{
    /// <summary>How long stopping waits for requests in flight before aborting their connections.</summary>
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(1);

    private const string WarmUpPath = "/warm-up";

    private readonly WebApplication _app;

    private UpstreamServer(WebApplication app, Uri url, TimeSpan? latency)
    {
        _app = app;
        Url = url;
        Latency = latency;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    /// <summary>Answers at once, black hole or not: for warming up the code paths and a connection before a run.</summary>
    public Uri WarmUpUrl => new(Url, WarmUpPath);

    /// <summary>How long it takes to answer; null for a black hole.</summary>
    public TimeSpan? Latency { get; }

    /// <summary>Starts a server that answers after <paramref name="latency"/>, or never when it is null.</summary>
    public static Task<UpstreamServer> StartAsync(TimeSpan? latency, DueTimeScheduler answers, CancellationToken cancellationToken) =>
        StartAsync(latency, answerAfter: null, answers, cancellationToken);

    /// <summary>
    /// Starts a server that asks <paramref name="answerAfter"/> for each request's latency (null: never
    /// answer), given the request index the client sent as <c>?request=I</c> (null when absent) and the
    /// call index as <c>&amp;call=C</c> (0 when absent: a first attempt).
    /// <paramref name="latency"/> is what it reports as its <see cref="Latency"/> (the mean).
    /// </summary>
    public static async Task<UpstreamServer> StartAsync(TimeSpan? latency, Func<long?, int, TimeSpan?>? answerAfter, DueTimeScheduler answers, CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings, environment URLs or logging config: the server is
        // exactly what is written here, and prints nothing into the tool's output.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = s_shutdownTimeout);
        builder.Services.AddSingleton<IHostLifetime, ToolOwnedLifetime>();

        WebApplication app = builder.Build();
        CancellationToken stopping = app.Lifetime.ApplicationStopping;
        app.MapGet("/", (HttpContext context) => AnswerAsync(context, answerAfter is null ? latency : answerAfter(RequestIndex(context), CallIndex(context)), answers, stopping));
        app.MapGet(WarmUpPath, (HttpContext context) => AnswerAsync(context, TimeSpan.Zero, answers, stopping));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new UpstreamServer(app, new Uri(address.TrimEnd('/') + "/"), latency);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The <c>?request=I</c> the tool's client adds when the latency depends on the request.</summary>
    internal const string RequestQuery = "request";

    /// <summary>The <c>&amp;call=C</c> the tool's client adds for a retry or hedge (attempt C).</summary>
    internal const string CallQuery = "call";

    private static int CallIndex(HttpContext context) =>
        int.TryParse(context.Request.Query[CallQuery], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int call) ? call : 0;

    private static long? RequestIndex(HttpContext context) =>
        long.TryParse(context.Request.Query[RequestQuery], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long index) ? index : null;

    private static async Task AnswerAsync(HttpContext context, TimeSpan? latency, DueTimeScheduler answers, CancellationToken stopping)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            Task due = latency is { } answerAfter ? answers.After(answerAfter) : Task.Delay(Timeout.Infinite, gone.Token);
            await due.WaitAsync(gone.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, or the server is stopping: close the connection without an answer
            // (an empty 200 would turn a black hole into a fast endpoint at shutdown).
            context.Abort();
            return;
        }

        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = 2;
        await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Stops listening, aborts what is still in flight and frees the port.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
