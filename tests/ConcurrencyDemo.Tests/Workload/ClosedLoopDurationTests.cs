using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Workload;

/// <summary>
/// A closed loop run for a fixed time (<c>--duration</c>), as bombardier runs one: the connections stop
/// sending at the end of the window, requests in flight finish and count, and the run reports answers
/// within the window per second and the mean latency. Virtual clock: every figure by hand.
/// </summary>
public sealed class ClosedLoopDurationTests
{
    private static ScenarioBuilder Closed(string duration, int connections = 2, string latency = "100ms", string requests = "1000", EngineKind engine = EngineKind.Async) => new()
    {
        Engine = engine,
        Clock = ClockKind.Virtual,
        Arrivals = ArrivalPattern.Closed,
        Connections = connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Duration = duration,
        RequestCount = requests,
        Latency = latency,
        ProcessorCount = 2,
    };

    private static RunResult Run(ScenarioBuilder builder) => new ScenarioRun(builder.Build()).Run(CancellationToken.None);

    [Fact]
    public void Duration_StopsSending_AndTheRequestsInFlightFinishAndCount()
    {
        // Two connections, 100 ms answers: sends at 0, 0, 100, 100, 200, 200 ms; the last two answer at
        // 300 ms, after the 250 ms window: 4 answered within it (16/s), 6 answered in all, mean 100 ms.
        RunResult result = Run(Closed("250ms"));

        Assert.Equal(new DurationWindow(TimeSpan.FromMilliseconds(250), 6, 4, 6, TimeSpan.FromMilliseconds(100)), result.Window);
        Assert.Equal(16, result.Window!.RequestsPerSecond, 9);
        Assert.Equal(6, result.Statistics.Requests);
        Assert.Equal(6, result.Statistics.Successes);
        Assert.Equal(TimeSpan.FromMilliseconds(300), result.Statistics.LastCompletion);
        Assert.False(result.Partial);
    }

    [Fact]
    public void ARequest_DueAtTheEndOfTheWindow_IsNotSent_AndAnAnswerAtTheEndCountsWithin()
    {
        // The answers at 200 ms free both connections exactly at the window's end: nothing more goes out.
        RunResult result = Run(Closed("200ms"));

        Assert.Equal(new DurationWindow(TimeSpan.FromMilliseconds(200), 4, 4, 4, TimeSpan.FromMilliseconds(100)), result.Window);
    }

    [Fact]
    public void NumReq_StillCaps_ALoopThatWouldSendMore()
    {
        RunResult result = Run(Closed("10s", requests: "5"));

        Assert.Equal(5, result.Statistics.Sent);
        Assert.Equal(new DurationWindow(TimeSpan.FromSeconds(10), 5, 5, 5, TimeSpan.FromMilliseconds(100)), result.Window);
    }

    [Fact]
    public void Duration_EndsTheThreadPoolModel_WithEveryRequestInFlightAnswered()
    {
        ScenarioBuilder builder = Closed("1s", connections: 4, engine: EngineKind.ThreadPool);
        builder.PoolMinThreads = "8";
        RunResult result = Run(builder);

        // Enough threads: 4 connections × 10 rounds of 100 ms, the last round answered at exactly 1 s.
        Assert.Equal(new DurationWindow(TimeSpan.FromSeconds(1), 40, 40, 40, TimeSpan.FromMilliseconds(100)), result.Window);
    }

    [Fact]
    public void OpenLoop_HasNoWindow()
    {
        RunResult result = new ScenarioRun(TestScenarios.Build(100, 10, "10ms", clock: ClockKind.Virtual)).Run(CancellationToken.None);

        Assert.Null(result.Window);
        Assert.Equal(TimeSpan.FromMilliseconds(10), result.Statistics.MeanResponse);
    }

    [Theory]
    [InlineData(ArrivalPattern.Uniform, "10s", "--duration: only means something in a closed loop")]
    [InlineData(ArrivalPattern.Closed, "0s", "--duration: must be greater than 0")]
    [InlineData(ArrivalPattern.Closed, "soon", "--duration: ")]
    public void BadDuration_IsOneProblem_NamingTheOption(ArrivalPattern arrivals, string duration, string message)
    {
        ScenarioBuilder builder = Closed(duration);
        builder.Arrivals = arrivals;
        builder.Rate = "10";
        builder.Connections = arrivals == ArrivalPattern.Closed ? "2" : null;

        ScenarioException e = Assert.Throws<ScenarioException>(builder.Build);

        Assert.StartsWith(message, Assert.Single(e.Problems), StringComparison.Ordinal);
    }
}
