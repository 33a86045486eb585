using System.Net;
using System.Net.Sockets;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// Short real-socket runs of the http transport. Wall-clock speed never decides a result: counts are
/// exact (they depend on which endpoint a request went to, not on timing) and latency bounds are wide.
/// </summary>
[Collection(RealClockCollection.Name)] // alone, like every real-clock test: its bounds failed beside the suite's other tests under load
public sealed class HttpTransportTests
{
    [Theory]
    [InlineData(EngineKind.Sync)]
    [InlineData(EngineKind.Async)]
    public void ShortRun_AllSucceed_AndNoPortStaysOpen(EngineKind engine)
    {
        Scenario scenario = Http(engine, latency: "20ms*4", timeout: "5s", rate: "200", count: "200");
        var run = new ScenarioRun(scenario);

        RunResult result = run.Run(CancellationToken.None);

        RunStatistics s = result.Statistics;
        Assert.False(result.Partial);
        Assert.Equal(200, s.Successes);
        Assert.Equal(0, s.Failures);
        // A loopback round trip adds a millisecond or two; a service that held a call for twice the
        // upstream's 20 ms, or queued behind it, would break this even on a busy 2-core machine.
        Assert.True(s.OverheadMsAt(50) < 20, $"p50 overhead {s.OverheadMsAt(50)} ms");
        // A server answers after its latency from receiving the request, which comes after the intended start.
        Assert.Equal(0, s.EarlyCompletions);
        Assert.Equal(4, run.Upstreams.Count);
        Assert.All(run.Upstreams, url => Assert.True(url.IsLoopback));
        AssertClosed(run.Upstreams);
    }

    [Theory]
    [InlineData(EngineKind.Sync)]
    [InlineData(EngineKind.Async)]
    public void BlackHole_TimesOutAfterTheTimeout(EngineKind engine)
    {
        // Endpoint 3 of 4 never answers: requests 3, 7, …, 39 time out after 200 ms.
        Scenario scenario = Http(engine, latency: "20ms*3,5s", timeout: "200ms", rate: "100", count: "40");
        var run = new ScenarioRun(scenario);

        RunResult result = run.Run(CancellationToken.None);

        RunStatistics s = result.Statistics;
        Assert.Equal(30, s.Successes);
        Assert.Equal(10, s.Timeouts);
        Assert.Equal(0, s.Refused + s.Reset + s.OtherFailures);
        // The last black-hole request is due at 0.39 s and is held for the whole 200 ms timeout
        // (less a few ms: .NET timers count whole milliseconds of a coarser clock and may fire early).
        Assert.True(s.LastCompletion >= TimeSpan.FromMilliseconds(390 + 200 - 10), $"last completion {s.LastCompletion}");
        AssertClosed(run.Upstreams);
    }

    [Fact]
    public void NothingListening_IsCountedAsRefused()
    {
        Uri closed = new($"http://127.0.0.1:{FreePort()}/");
        Scenario scenario = Http(EngineKind.Async, latency: "20ms", timeout: "2s", rate: "100", count: "10", upstream: closed.ToString());

        RunResult result = new ScenarioRun(scenario).Run(CancellationToken.None);

        Assert.Equal(10, result.Statistics.Refused);
        Assert.Equal(0, result.Statistics.Successes);
        Assert.Equal(10, result.Statistics.Failures);
    }

    [Theory]
    [InlineData(EngineKind.Sync)]
    [InlineData(EngineKind.Async)]
    public void InterruptedRun_LeavesNoPortOpen(EngineKind engine)
    {
        // Every call would take 5 s; the run is cancelled while they are in flight.
        Scenario scenario = Http(engine, latency: "5s*2", timeout: "10s", rate: "100", count: "100", threads: "10");
        var run = new ScenarioRun(scenario);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        RunResult result = run.Run(cancel.Token);

        Assert.True(result.Partial);
        Assert.Equal(0, result.Statistics.Successes);
        Assert.Equal(2, run.Upstreams.Count);
        AssertClosed(run.Upstreams);
    }

    [Fact]
    public void FailedRun_LeavesNoPortOpen()
    {
        Scenario scenario = Http(EngineKind.Async, latency: "20ms*2", timeout: "1s", rate: "100", count: "10");
        var run = new ScenarioRun(scenario, new FailingTimeProvider());

        Assert.Throws<InvalidOperationException>(() => run.Run(CancellationToken.None));

        Assert.Equal(2, run.Upstreams.Count);
        AssertClosed(run.Upstreams);
    }

    private static Scenario Http(EngineKind engine, string latency, string timeout, string rate, string count, string threads = "20", string? upstream = null) =>
        new ScenarioBuilder
        {
            Name = "http_test",
            Rate = rate,
            RequestCount = count,
            Latency = latency,
            Timeout = timeout,
            Engine = engine,
            Threads = engine == EngineKind.Sync ? threads : null,
            Transport = TransportKind.Http,
            Upstream = upstream,
        }.Build();

    private static void AssertClosed(IReadOnlyList<Uri> urls)
    {
        Assert.NotEmpty(urls);
        foreach (Uri url in urls)
        {
            using var client = new TcpClient();
            SocketException e = Assert.Throws<SocketException>(() => client.Connect(IPAddress.Loopback, url.Port));
            Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Fails the run after the servers started: the run's timers cannot be created.</summary>
    private sealed class FailingTimeProvider : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            throw new InvalidOperationException("no timers in this test");
    }
}
