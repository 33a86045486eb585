using System.Net;
using System.Net.Sockets;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The http transport: a call is a real HTTP/1.1 GET to the endpoint's URL over a real socket,
/// blocking (<see cref="HttpClient.Send(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>)
/// or awaited (<see cref="HttpClient.SendAsync(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>),
/// given up after the scenario's timeout.
/// </summary>
/// <remarks>
/// The connection pool is set up so that the client is never the bottleneck: HTTP/1.1 carries one
/// request at a time per connection, so every call in flight needs its own connection and the pool
/// may open as many as the engine has calls in flight (at most N for sync, unbounded for async).
/// Connections are reused for the whole run (no lifetime limit, long idle timeout) so the steady
/// state sends requests on warm connections. No proxy, no redirects, no cookies, no decompression:
/// traffic goes only to the URLs given, and the client does no work the model does not have.
/// </remarks>
internal sealed class HttpEndpointCaller : IEndpointCaller, IDisposable
{
    private readonly HttpClient _client;
    private readonly IReadOnlyList<Uri> _urls;
    private readonly TimeSpan _timeout;
    private readonly bool _sendRequestIndex;

    /// <param name="urls">One URL per endpoint index.</param>
    /// <param name="timeout">A call not answered within this fails as timed out.</param>
    /// <param name="sendRequestIndex">Add <c>?request=I</c>, so the tool's own servers draw the same latency as the model.</param>
    public HttpEndpointCaller(IReadOnlyList<Uri> urls, TimeSpan timeout, bool sendRequestIndex = false)
    {
        _sendRequestIndex = sendRequestIndex;
        _urls = urls;
        _timeout = timeout;
        _client = new HttpClient(CreateHandler(timeout), disposeHandler: true)
        {
            // Per-call timeouts come from a CancellationTokenSource, which also tells timeouts from Ctrl+C.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The handler settings (documented in docs/http.md).</summary>
    internal static SocketsHttpHandler CreateHandler(TimeSpan timeout) => new()
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = System.Threading.Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = timeout,
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    };

    public CallOutcome Call(Request request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var message = NewRequest(request);
        try
        {
            using HttpResponseMessage response = _client.Send(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            return response.IsSuccessStatusCode ? CallOutcome.Succeeded : CallOutcome.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            return Classify(e, cancellationToken);
        }
    }

    public async ValueTask<CallOutcome> CallAsync(Request request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var message = NewRequest(request);
        try
        {
            using HttpResponseMessage response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? CallOutcome.Succeeded : CallOutcome.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            return Classify(e, cancellationToken);
        }
    }

    /// <summary>
    /// One blocking and one awaited GET to each of <paramref name="urls"/>, all at once, outcomes
    /// ignored: compiles the client and server code paths and opens a first connection to each
    /// server, so the run's first requests do not pay for JIT compilation the model never pays.
    /// </summary>
    public void WarmUp(IEnumerable<Uri> urls, CancellationToken cancellationToken)
    {
        var calls = new List<Task>();
        foreach (Uri url in urls)
        {
            calls.Add(Task.Run(() => _client.Send(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken).Dispose(), cancellationToken));
            calls.Add(_client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken));
        }

        try
        {
            Task.WhenAll(calls).Wait(_timeout, CancellationToken.None);
        }
        catch (AggregateException)
        {
            // A failed warm-up call is no reason not to run: the run's own calls count failures.
        }
    }

    public void Dispose() => _client.Dispose();

    private HttpRequestMessage NewRequest(Request request) => new(
        HttpMethod.Get,
        !_sendRequestIndex ? _urls[request.Endpoint]
            : request.Attempt == 0 ? new Uri(_urls[request.Endpoint], $"?{Upstream.UpstreamServer.RequestQuery}={request.Index}")
            : new Uri(_urls[request.Endpoint], $"?{Upstream.UpstreamServer.RequestQuery}={request.Index}&{Upstream.UpstreamServer.CallQuery}={request.Attempt}"))
    {
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>Sorts a failed call into the socket-level failure it was.</summary>
    /// <exception cref="OperationCanceledException">When the run itself was cancelled: not a failure of the call.</exception>
    internal static CallOutcome Classify(Exception e, CancellationToken runCancellation)
    {
        runCancellation.ThrowIfCancellationRequested();
        if (e is OperationCanceledException)
        {
            // Only our per-call timeout cancels a call when the run's token has not fired.
            return CallOutcome.TimedOut;
        }

        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => CallOutcome.Refused,
                    SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => CallOutcome.Reset,
                    SocketError.TimedOut => CallOutcome.TimedOut,
                    _ => CallOutcome.Failed,
                };
            }
        }

        if (e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } || e.InnerException is IOException || e is IOException)
        {
            // The server closed the connection before a full answer.
            return CallOutcome.Reset;
        }

        return CallOutcome.Failed;
    }
}
