using System.Net.Sockets;
using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Recording;

namespace ConcurrencyDemo.Tests.Engines;

public sealed class HttpEndpointCallerTests
{
    [Theory]
    [InlineData(SocketError.ConnectionRefused, CallOutcome.Refused)]
    [InlineData(SocketError.ConnectionReset, CallOutcome.Reset)]
    [InlineData(SocketError.TimedOut, CallOutcome.TimedOut)]
    [InlineData(SocketError.HostUnreachable, CallOutcome.Failed)]
    public void Classify_SocketErrorInsideHttpRequestException(SocketError error, CallOutcome expected)
    {
        var e = new HttpRequestException(HttpRequestError.ConnectionError, "x", new SocketException((int)error));

        Assert.Equal(expected, HttpEndpointCaller.Classify(e, CancellationToken.None));
    }

    [Fact]
    public void Classify_ResponseEnded_IsReset() =>
        Assert.Equal(CallOutcome.Reset, HttpEndpointCaller.Classify(new HttpRequestException(HttpRequestError.ResponseEnded, "x"), CancellationToken.None));

    [Fact]
    public void Classify_CancelledByThePerCallTimeout_IsTimedOut() =>
        Assert.Equal(CallOutcome.TimedOut, HttpEndpointCaller.Classify(new TaskCanceledException(), CancellationToken.None));

    [Fact]
    public void Classify_WhenTheRunIsCancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => HttpEndpointCaller.Classify(new TaskCanceledException(), cancelled.Token));
    }
}
