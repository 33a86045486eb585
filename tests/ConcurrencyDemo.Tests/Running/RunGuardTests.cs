using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Running;

public sealed class RunGuardTests
{
    private static readonly MachineLimits s_laptop = new(
        KernelThreadsMax: 120_000, MaxUserProcesses: 60_000, ProcessThreads: 20, AvailableMemoryBytes: 16L << 30, StackReservationBytes: MachineLimits.DefaultStackReservationBytes);

    [Theory]
    [InlineData("1000", "10000", "20ms*10", "50")] // E1
    [InlineData("2000", "10000", "20ms*10", "50")] // E2
    [InlineData("1000", "10000", "20ms*9,30s", "50")] // E3: about 10 minutes
    [InlineData("1000", "10000", "200ms*9,30s", "500")] // E4
    [InlineData("1000", "10000", "60ms*10", "50")] // E5
    [InlineData("1000", "10000", "20ms*10", "10000")] // E6's largest pool
    public void ArticleCommands_AreAccepted(string rate, string count, string latency, string threads)
    {
        Assert.Empty(RunGuard.Check(Sync(rate, count, latency, threads), s_laptop, 10L << 30));
    }

    [Fact]
    public void MoreThreadsThanTheOsAllows_IsRefusedWithSuggestions()
    {
        string problem = Assert.Single(RunGuard.Check(Sync("1000", "100", "1ms", "60000"), s_laptop with { AvailableMemoryBytes = null }, null));
        Assert.Contains("--threads", problem, StringComparison.Ordinal);
        Assert.Contains("max user processes 60000", problem, StringComparison.Ordinal);
        Assert.Contains("--clock virtual", problem, StringComparison.Ordinal);
        Assert.Contains("--force", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreadStacksBeyondAvailableMemory_AreRefused()
    {
        string problem = Assert.Single(RunGuard.Check(Sync("1000", "100", "1ms", "20000"), s_laptop with { AvailableMemoryBytes = 8L << 30 }, null));
        Assert.Contains("reserve 29.30 GiB of stack", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RealRunOverAnHour_IsRefused_VirtualIsNot()
    {
        // E3 with 100 000 requests: 50 threads serve 16.6 requests/s, so about 1.7 hours.
        string problem = Assert.Single(RunGuard.Check(Sync("1000", "100000", "20ms*9,30s", "50"), s_laptop, null));
        Assert.Contains("about 1.68 h", problem, StringComparison.Ordinal);
        Assert.Contains("Little's law", problem, StringComparison.Ordinal);
        Assert.Contains("--clock virtual", problem, StringComparison.Ordinal);

        Assert.Empty(RunGuard.Check(Sync("1000", "100000", "20ms*9,30s", "50", ClockKind.Virtual), s_laptop, null));
    }

    [Fact]
    public void SlowRate_OverAnHour_IsRefused()
    {
        Scenario s = new ScenarioBuilder { Rate = "0.1", RequestCount = "1000", Latency = "1ms", Engine = EngineKind.Async }.Build();
        Assert.Contains("1000 requests at 0.1 rps", Assert.Single(RunGuard.Check(s, s_laptop, null)), StringComparison.Ordinal);
    }

    [Fact]
    public void NotEnoughDisk_IsRefused()
    {
        string problem = Assert.Single(RunGuard.Check(Sync("1000", "100", "1ms", "5"), s_laptop, freeDiskBytes: 100_000));
        Assert.StartsWith("--output:", problem, StringComparison.Ordinal);
        Assert.InRange(RunGuard.EstimatedOutputBytes(Sync("1000", "100", "1ms", "5")), 400_000, 600_000);
    }

    [Fact]
    public void HugeSimulation_IsRefused()
    {
        Scenario s = Sync("10000000", "100000000000", "1ms", "50", ClockKind.Virtual);
        Assert.Contains(RunGuard.Check(s, s_laptop, null), p => p.StartsWith("--num_req: simulating", StringComparison.Ordinal));
    }

    private static Scenario Sync(string rate, string count, string latency, string threads, ClockKind clock = ClockKind.Real) =>
        new ScenarioBuilder { Rate = rate, RequestCount = count, Latency = latency, Engine = EngineKind.Sync, Threads = threads, Clock = clock }.Build();
}
