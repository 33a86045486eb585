using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Tests.Cli;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Timing;

/// <summary>
/// <c>timer-floor</c>: the kernel's own sleep first, then each timer path a run uses, each measured on
/// as many waits as asked. Real clock: the assertions are about what was measured, not how fast.
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class TimerFloorTests
{
    [Fact]
    public void Measure_ReportsTheKernelsSleepFirst_ThenEveryTimerPath_EachOnEveryWait()
    {
        var measured = new List<string>();

        TimerFloorReport report = TimerFloor.Measure(30, TimeSpan.FromMilliseconds(1), measured.Add, CancellationToken.None);

        Assert.Equal(
            ["kernel sleep: ppoll, 1 ns timer slack", "precise timer, a blocked thread", "precise timer, an awaited call", ".NET WaitOne in whole milliseconds", ".NET Task.Delay"],
            report.Rows.Select(r => r.Wait));
        Assert.Equal(measured, report.Rows.Select(r => r.Wait));
        foreach (TimerFloorRow row in report.Rows.Skip(LinuxTimerNative.IsSupported ? 0 : 1))
        {
            Assert.Equal(30, row.Lateness.Count);
            Assert.True(row.Lateness.P50Ms <= row.Lateness.P99Ms && row.Lateness.P99Ms <= row.Lateness.P999Ms && row.Lateness.P999Ms <= row.Lateness.MaxMs, row.ToString());
        }

        // The kernel's sleep and the precise timer never end a wait early.
        Assert.All(report.Rows.Take(3), row => Assert.Equal(0, row.Lateness.Early));
    }

    [Fact]
    public void Measure_Cancelled_ReportsOnlyWhatWasMeasured()
    {
        TimerFloorReport report = TimerFloor.Measure(30, TimeSpan.FromMilliseconds(1), null, new CancellationToken(canceled: true));

        Assert.Empty(report.Rows);
    }

    [Fact]
    public void Text_NamesTheFloorAndTheUnits_AndSaysWhatEarlyMeans()
    {
        var report = new TimerFloorReport(
            TimeSpan.FromMilliseconds(1),
            100,
            0.25,
            [
                new TimerFloorRow("kernel sleep: ppoll, 1 ns timer slack", "the floor", new LatenessSummary(100, 0.071, 0.254, 0.777, 0.9, 0)),
                new TimerFloorRow(".NET Task.Delay", "async calls with --timer dotnet", new LatenessSummary(100, 3.453, 3.731, 6.102, 6.2, 3)),
            ]);

        string text = TimerFloorText.Format(report);

        Assert.Contains("a wait of 1ms", text, StringComparison.Ordinal);
        Assert.Contains("100 waits each; load average 0.25 at the start", text, StringComparison.Ordinal);
        Assert.Matches(@"kernel sleep: ppoll, 1 ns timer slack\s+0\.071\s+0\.254\s+0\.777\s+0\.900\s+0\s+the floor", text);
        Assert.Matches(@"\.NET Task\.Delay\s+3\.453\s+3\.731\s+6\.102\s+6\.200\s+3\s+async calls", text);
        Assert.Contains("early: waits that ended before they were due", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timer-floor", "--waits", "5")]
    [InlineData("timer-floor", "--waits", "many")]
    [InlineData("timer-floor", "--interval", "0")]
    [InlineData("timer-floor", "--interval", "5s")]
    [InlineData("timer-floor", "--rate", "100")]
    public void BadInput_IsOneLineUserError(params string[] args)
    {
        (int code, string stdout, string stderr) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("concurrency-demo-benchmarks: error: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }
}
