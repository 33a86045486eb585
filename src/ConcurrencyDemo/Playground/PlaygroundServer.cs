using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Upstream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;

namespace ConcurrencyDemo.Playground;

/// <summary>
/// The live playground: Kestrel serving one page and its API. It only renders finished results of
/// <see cref="ScenarioRun"/>s built from fields the command line validated; it never talks to an engine
/// otherwise. Every request is bounded: its size (Kestrel's limits and ours), the simulations running
/// at once (<see cref="SimulationGate"/>), their time, and one real-clock run at a time.
/// </summary>
public sealed class PlaygroundServer : IAsyncDisposable
{
    /// <summary>Longest value of one field, in characters (a long latency list fits easily).</summary>
    public const int MaxFieldLength = 2000;

    /// <summary>Most fields in one request.</summary>
    public const int MaxFields = 64;

    /// <summary>A simulation still running after this is stopped and refused.</summary>
    public static readonly TimeSpan SimulationTimeLimit = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan s_queueWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_progressInterval = TimeSpan.FromMilliseconds(250);

    private readonly WebApplication _app;
    private readonly IPlaygroundScenarios _scenarios;
    private readonly SimulationGate _gate = new(running: Math.Max(1, Environment.ProcessorCount), waiting: 8);
    private readonly MachineLimits _limits = MachineLimits.Read();
    private int _realRunBusy;

    private PlaygroundServer(WebApplication app, IPlaygroundScenarios scenarios)
    {
        _app = app;
        _scenarios = scenarios;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Starts the server on <paramref name="address"/>:<paramref name="port"/> (0: a free port).</summary>
    public static async Task<PlaygroundServer> StartAsync(IPlaygroundScenarios scenarios, IPAddress address, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(address);

        // The empty builder reads no appsettings, environment URLs or logging config: the server is
        // exactly what is written here.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = 100;
            kestrel.Limits.MaxRequestBodySize = 0; // nothing is ever read from a body
            kestrel.Limits.MaxRequestLineSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Listen(address, port);
        });
        builder.Services.AddRoutingCore();
        // The answer is mostly SVG text: gzip at its fastest level sends under a quarter of the bytes
        // (E3, 100 000 requests: 259 KB as 58 KB) for a few ms of one core. Only JSON: the real run's
        // server-sent events must not be held back in a compressor's buffer.
        builder.Services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["application/json"];
        });
        builder.Services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<IHostLifetime, ToolOwnedLifetime>();

        WebApplication app = builder.Build();
        var server = new PlaygroundServer(app, scenarios);
        app.UseResponseCompression();
        app.MapGet("/", (HttpContext c) => Asset(c, "index.html", "text/html; charset=utf-8"));
        app.MapGet("/playground.js", (HttpContext c) => Asset(c, "playground.js", "text/javascript; charset=utf-8"));
        app.MapGet("/playground.css", (HttpContext c) => Asset(c, "playground.css", "text/css; charset=utf-8"));
        app.MapGet("/api/controls", (HttpContext c) => Json(c, 200, PlaygroundResponse.Controls(scenarios.Controls, scenarios.StartQuery)));
        app.MapGet("/api/simulate", server.SimulateAsync);
        app.MapPost("/api/real", server.RealAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            server.Url = new Uri(bound.TrimEnd('/') + "/");
            await server.WarmUpAsync(address, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The first simulation compiles the whole path (Kestrel, the fields, both engines, ScottPlot and
    // its fonts, the JSON): measured 1.4 s for the first request on this machine against 0.2 s warm. One request of the start page's own
    // scenario, sent to this server before its address is shown, pays that instead of the user's first
    // change. Best effort: if it fails, the first real request is just slower.
    private async Task WarmUpAsync(IPAddress address, CancellationToken cancellationToken)
    {
        IPAddress local = address.Equals(IPAddress.Any) ? IPAddress.Loopback : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : address;
        var simulate = new UriBuilder(Url) { Host = local.ToString(), Path = "/api/simulate", Query = _scenarios.StartQuery }.Uri;
        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using HttpResponseMessage answer = await client.GetAsync(simulate, cancellationToken).ConfigureAwait(false);
            _ = await answer.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // not warmed: the first change pays the compilation
        }
    }

    /// <summary>Stops accepting requests and ends those in flight (a real run is interrupted).</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task SimulateAsync(HttpContext context)
    {
        long started = Stopwatch.GetTimestamp(); // reading the fields, simulating and drawing: what the page waits for
        if (!TryRead(context, ClockKind.Virtual, out PlaygroundScenarios scenarios, out IReadOnlyList<PlaygroundProblem> problems))
        {
            await Json(context, problems.Any(p => p.Key is not null) || scenarios.Sync is null ? 400 : 422, PlaygroundResponse.Problems(problems, scenarios.Command)).ConfigureAwait(false);
            return;
        }

        using IDisposable? lease = await _gate.EnterAsync(s_queueWait, context.RequestAborted).ConfigureAwait(false);
        if (lease is null)
        {
            string busy = _gate.HeldByARealRun
                ? "busy: a real-clock run is measuring, and simulations wait until it ends so as not to disturb its timing — try again when it has ended"
                : "busy: too many simulations are running or waiting — try again in a moment";
            await Json(context, 429, PlaygroundResponse.Problems([new(null, busy)])).ConfigureAwait(false);
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        limit.CancelAfter(SimulationTimeLimit);

        // The two modes are independent: run them at once (the page waits for the slower).
        long simulating = Stopwatch.GetTimestamp();
        Task<RunResult> sync = Task.Run(() => new ScenarioRun(scenarios.Sync!).Run(limit.Token), CancellationToken.None);
        Task<RunResult> async = Task.Run(() => new ScenarioRun(scenarios.Async!).Run(limit.Token), CancellationToken.None);
        RunResult[] results = await Task.WhenAll(sync, async).ConfigureAwait(false);
        if (results.Any(r => r.Partial))
        {
            string message = string.Create(CultureInfo.InvariantCulture, $"the simulation took longer than {SimulationTimeLimit.TotalSeconds:0} s and was stopped — lower --num_req, or run the command below in a terminal");
            await Json(context, 422, PlaygroundResponse.Problems([new(null, message)], scenarios.Command)).ConfigureAwait(false);
            return;
        }

        // Where the request's time goes, for the page and for a browser's developer tools (Server-Timing).
        long drawing = Stopwatch.GetTimestamp();
        IReadOnlyList<(string Key, string Sync, string Async)> charts = PlaygroundCharts.Render(results[0], results[1]);
        long serializing = Stopwatch.GetTimestamp();
        (TimeSpan Simulation, TimeSpan Charts) split = (Stopwatch.GetElapsedTime(simulating, drawing), Stopwatch.GetElapsedTime(drawing, serializing));
        string body = PlaygroundResponse.Results(results[0], results[1], charts, scenarios.Command, () => Stopwatch.GetElapsedTime(started), split);
        long done = Stopwatch.GetTimestamp();
        context.Response.Headers["Server-Timing"] = string.Create(
            CultureInfo.InvariantCulture,
            $"read;dur={Stopwatch.GetElapsedTime(started, simulating).TotalMilliseconds:0.0}, simulation;dur={split.Simulation.TotalMilliseconds:0.0}, charts;dur={split.Charts.TotalMilliseconds:0.0}, json;dur={Stopwatch.GetElapsedTime(serializing, done).TotalMilliseconds:0.0}");
        await Json(context, 200, body).ConfigureAwait(false);
    }

    // Streams server-sent events: "progress" while each mode runs, then "result" (or "problem").
    private async Task RealAsync(HttpContext context)
    {
        if (!TryRead(context, ClockKind.Real, out PlaygroundScenarios scenarios, out IReadOnlyList<PlaygroundProblem> problems))
        {
            await Json(context, problems.Any(p => p.Key is not null) || scenarios.Sync is null ? 400 : 422, PlaygroundResponse.Problems(problems, scenarios.Command)).ConfigureAwait(false);
            return;
        }

        if (Interlocked.CompareExchange(ref _realRunBusy, 1, 0) != 0)
        {
            await Json(context, 409, PlaygroundResponse.Problems([new(null, "a real-clock run is already going on; one at a time, so that runs do not disturb each other's timing")])).ConfigureAwait(false);
            return;
        }

        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            CancellationToken stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping).Token;

            // No simulation runs beside a real run: those running end first, those asked for meanwhile wait.
            using IDisposable hold = await _gate.HoldAllAsync(stop).ConfigureAwait(false);
            long started = Stopwatch.GetTimestamp();
            var results = new List<RunResult>();
            foreach (Scenario scenario in new[] { scenarios.Sync!, scenarios.Async! })
            {
                var run = new ScenarioRun(scenario);
                Task<RunResult> running = Task.Factory.StartNew(() => run.Run(stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                while (!running.IsCompleted)
                {
                    string mode = scenario.Engine.ToString().ToLowerInvariant();
                    await Event(context, "progress", PlaygroundResponse.Progress(mode, run.Sent, run.Completed, scenario.RequestCount)).ConfigureAwait(false);
                    await Task.WhenAny(running, Task.Delay(s_progressInterval, CancellationToken.None)).ConfigureAwait(false);
                }

                results.Add(await running.ConfigureAwait(false));
            }

            if (stop.IsCancellationRequested)
            {
                return; // the page went away or the server is stopping: nobody to tell
            }

            await Event(context, "result", PlaygroundResponse.Results(results[0], results[1], scenarios.Command, () => Stopwatch.GetElapsedTime(started))).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the page went away
        }
        finally
        {
            Volatile.Write(ref _realRunBusy, 0);
        }
    }

    // Checks the fields as fields (known, not repeated, not too long), then lets the command line
    // read them, then applies the playground's limits.
    private bool TryRead(HttpContext context, ClockKind clock, out PlaygroundScenarios scenarios, out IReadOnlyList<PlaygroundProblem> problems)
    {
        scenarios = PlaygroundScenarios.Invalid([]);
        var found = new List<PlaygroundProblem>();
        var fields = new List<KeyValuePair<string, string>>();
        IQueryCollection query = context.Request.Query;
        if (query.Count > MaxFields)
        {
            found.Add(new(null, string.Create(CultureInfo.InvariantCulture, $"too many fields ({query.Count}) — expected at most {MaxFields}")));
        }
        else
        {
            foreach ((string key, StringValues values) in query)
            {
                PlaygroundControl? control = _scenarios.Controls.FirstOrDefault(c => c.Key == key);
                if (control is null)
                {
                    found.Add(new(null, $"unknown field \"{Shorten(key)}\" — expected one of {string.Join(", ", _scenarios.Controls.Select(c => c.Key))}"));
                    continue;
                }

                if (values.Count > 1 && !control.Repeatable)
                {
                    found.Add(new(key, $"{control.Option}: given {values.Count} times — expected it once"));
                    continue;
                }

                foreach (string? value in values)
                {
                    if ((value ?? "").Length > MaxFieldLength)
                    {
                        found.Add(new(key, string.Create(CultureInfo.InvariantCulture, $"{control.Option}: {value!.Length} characters — expected at most {MaxFieldLength}")));
                    }
                    else
                    {
                        fields.Add(new(key, value ?? ""));
                    }
                }
            }
        }

        if (found.Count == 0)
        {
            scenarios = _scenarios.Read(fields, clock);
            found.AddRange(PlaygroundGuard.Check(scenarios, _limits));
        }

        problems = found;
        return found.Count == 0;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static Task Asset(HttpContext context, string name, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.Body.WriteAsync(PlaygroundAssets.Read(name)).AsTask();
    }

    private static Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json, Encoding.UTF8);
    }

    private static async Task Event(HttpContext context, string name, string json)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", Encoding.UTF8).ConfigureAwait(false);
        await context.Response.Body.FlushAsync().ConfigureAwait(false);
    }
}
