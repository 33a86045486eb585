using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Workload;

/// <summary>--upstream-capacity: endpoints that serve a few calls at once, queue the rest, and serve calls their callers gave up on.</summary>
public sealed class UpstreamCapacityTests
{
    private static readonly TimeSpan s_10ms = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void ACallThatFindsEverySlotBusy_WaitsForTheFirstToFree_FirstComeFirstServed()
    {
        var queues = new UpstreamQueues(endpoints: 2, capacity: 2);
        Assert.Equal(s_10ms, queues.AnswerAfter(0, TimeSpan.Zero, s_10ms));
        Assert.Equal(s_10ms, queues.AnswerAfter(0, TimeSpan.Zero, s_10ms));
        Assert.Equal(2 * s_10ms, queues.AnswerAfter(0, TimeSpan.Zero, s_10ms)); // both slots busy until 10 ms
        Assert.Equal(s_10ms, queues.AnswerAfter(1, TimeSpan.Zero, s_10ms)); // the other endpoint's slots are its own
        Assert.Equal(s_10ms + TimeSpan.FromMilliseconds(5), queues.AnswerAfter(0, TimeSpan.FromMilliseconds(5), s_10ms));
    }

    [Fact]
    public void AboveItsCapacity_TheEndpointQueues_AndCallsTimeOut_WhileBelowItNothingWaits()
    {
        // 2 endpoints × 2 slots / 10 ms = 400 calls/s.
        RunResult below = Run(300);
        RunResult above = Run(500);

        Assert.Equal(3_000, below.Statistics.Successes);
        Assert.Equal(0, below.Statistics.Timeouts);
        // 500/s offered to 400/s: the queue grows by 100 calls a second, and the wait passes the 50 ms
        // timeout within the first second; from then on only the served share could succeed, and none does
        // once the wait is past the timeout for good.
        Assert.True(above.Statistics.Timeouts > 4_000, $"{above.Statistics.Timeouts} timeouts");
    }

    [Fact]
    public void TheOption_IsValidated_AndRefusedOverHttp()
    {
        ScenarioException zero = Assert.Throws<ScenarioException>(() => Builder("0", TransportKind.Model).Build());
        Assert.Contains("--upstream-capacity", zero.Problems.Single(), StringComparison.Ordinal);
        ScenarioException http = Assert.Throws<ScenarioException>(() => Builder("5", TransportKind.Http).Build());
        Assert.Contains("--transport model", http.Problems.Single(), StringComparison.Ordinal);
    }

    private static ScenarioBuilder Builder(string capacity, TransportKind transport) =>
        new() { Rate = "10", RequestCount = "10", Latency = "1ms", UpstreamCapacity = capacity, Transport = transport };

    private static RunResult Run(int rate) => new ScenarioRun(new ScenarioBuilder
    {
        Rate = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RequestCount = (rate * 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Latency = "10ms*2",
        Timeout = "50ms",
        UpstreamCapacity = "2",
        Clock = ClockKind.Virtual,
    }.Build()).Run(CancellationToken.None);
}
