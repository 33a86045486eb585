using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>The command printed for a scenario runs that scenario: its mode, pool limits and load included.</summary>
public sealed class CommandTextTests
{
    [Fact]
    public void ThreadPoolScenario_PrintsItsModeBlockAndMinimum_NotAsync()
    {
        ScenarioBuilder builder = TestScenarios.Builder(50, 500, "100ms");
        builder.Engine = EngineKind.ThreadPool;
        builder.Block = BlockKind.Sleep;
        builder.PoolMinThreads = "2";
        builder.PoolMaxThreads = "100";

        string command = CommandText.For(builder.Build());

        Assert.EndsWith(" threadpool --block sleep --min-threads 2 --max-threads 100", command, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosedLoop_PrintsItsConnections_AndNoRateWhenItHasNone()
    {
        ScenarioBuilder builder = TestScenarios.Builder(1, 100, "20ms", arrivals: ArrivalPattern.Closed);
        builder.Rate = null;
        builder.Connections = "50";

        string command = CommandText.For(builder.Build());

        Assert.Contains(" --arrivals closed --connections 50 --num_req 100 ", command, StringComparison.Ordinal);
        Assert.DoesNotContain("--rate", command, StringComparison.Ordinal);
    }
}
