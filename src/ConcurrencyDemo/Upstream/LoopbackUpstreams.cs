using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Upstream;

/// <summary>
/// The upstream servers of one http-transport run: one <see cref="UpstreamServer"/> per endpoint of
/// the scenario, in this process, on 127.0.0.1. Disposing stops them all and frees their ports.
/// </summary>
/// <remarks>
/// In-process rather than child processes: nothing can be left running after the tool exits (the
/// sockets die with the process, even on a crash), there is no second executable to find or ship,
/// and start-up takes milliseconds. The price is that the process's RSS, thread count and CPU
/// include the servers; their handlers hold no thread while waiting (one <see cref="DueTimeScheduler"/>
/// thread keeps every due time), so the threads they add are a few, not one per request.
/// </remarks>
internal sealed class LoopbackUpstreams : IDisposable
{
    private readonly List<UpstreamServer> _servers;
    private readonly DueTimeScheduler _answers;
    private volatile Func<TimeSpan> _sinceRunStart = static () => TimeSpan.Zero;

    private LoopbackUpstreams(List<UpstreamServer> servers, DueTimeScheduler answers)
    {
        _servers = servers;
        _answers = answers;
    }

    /// <summary>One URL per endpoint, in endpoint order.</summary>
    public IReadOnlyList<Uri> Urls => [.. _servers.Select(s => s.Url)];

    /// <summary>Each server's <see cref="UpstreamServer.WarmUpUrl"/>.</summary>
    public IEnumerable<Uri> WarmUpUrls => _servers.Select(s => s.WarmUpUrl);

    /// <summary>Starts one server per latency; a latency that reaches <paramref name="timeout"/> makes a black hole.</summary>
    public static LoopbackUpstreams Start(IReadOnlyList<TimeSpan> latencies, TimeSpan timeout, CancellationToken cancellationToken) =>
        Start(latencies, timeout, schedule: null, cancellationToken);

    /// <summary>
    /// Starts one server per latency. With a <paramref name="schedule"/> that is not fixed, each server
    /// asks it for every request's latency at the moment the request arrives (time since
    /// <see cref="MarkRunStart"/>): the same draws and slowdown windows as the model.
    /// </summary>
    public static LoopbackUpstreams Start(IReadOnlyList<TimeSpan> latencies, TimeSpan timeout, UpstreamSchedule? schedule, CancellationToken cancellationToken)
    {
        var servers = new List<UpstreamServer>(latencies.Count);
        var answers = new DueTimeScheduler("upstream-answers");
        LoopbackUpstreams? upstreams = null;
        try
        {
            for (int endpoint = 0; endpoint < latencies.Count; endpoint++)
            {
                TimeSpan latency = latencies[endpoint];
                TimeSpan? fixedAnswer = latency < timeout ? latency : null;
                int e = endpoint;
                Func<long?, int, TimeSpan?>? answerAfter = schedule is null || schedule.IsFixed
                    ? null
                    : (index, call) =>
                    {
                        TimeSpan l = schedule.LatencyOf(index ?? 0, call, e, upstreams!._sinceRunStart());
                        return l < timeout ? l : null;
                    };
                servers.Add(UpstreamServer.StartAsync(fixedAnswer, answerAfter, answers, cancellationToken).GetAwaiter().GetResult());
            }

            upstreams = new LoopbackUpstreams(servers, answers);
            return upstreams;
        }
        catch
        {
            StopAll(servers);
            answers.Dispose();
            throw;
        }
    }

    /// <summary>Sets the run's zero for the slowdown windows: <paramref name="sinceRunStart"/> reads the run's clock.</summary>
    public void MarkRunStart(Func<TimeSpan> sinceRunStart) => _sinceRunStart = sinceRunStart;

    public void Dispose()
    {
        StopAll(_servers);
        _answers.Dispose();
    }

    private static void StopAll(List<UpstreamServer> servers)
    {
        // Stopped together: each waits up to its shutdown timeout for requests still in flight.
        Task.WhenAll(servers.Select(s => s.DisposeAsync().AsTask())).GetAwaiter().GetResult();
        servers.Clear();
    }
}
