using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>
/// The Avg rate is taken, as the article's tool takes it, over the seconds that hold successes. When
/// the successes stop while the load goes on (an outage that does not end), that window ends early and
/// the Avg rate is the rate before the outage: found by trial, an async run whose every endpoint turned
/// into a black hole half way printed "Avg rate: 100.000" with half its requests failed. The summary
/// must say so, and give the successes over the whole run beside it.
/// </summary>
public sealed class RateWindowAfterTheLastSuccessTests
{
    [Fact]
    public void SuccessesStopWhileTheLoadGoesOn_TheSummarySaysTheWindowEndedEarly()
    {
        // 100/s for 10 s; from 5 s on every call times out after 1 s.
        RunResult result = Run("100", "1000", ["all=30s@5-100"]);

        string summary = ConsoleSummary.Format(result);

        Assert.Contains("Avg rate: 100.000", summary, StringComparison.Ordinal);
        Assert.Equal(
            "Rate window: seconds 1–4 (the partial first and last seconds left out); no success after 5.01 s while the load ran to 9.99 s: the Avg rate is the rate while successes came (over the whole run: 500 successes in 10.99 s, 45.5/s)",
            WindowLine(summary));
    }

    [Fact]
    public void SuccessesToTheEndOfTheLoad_TheWindowLineIsTheArticles()
    {
        RunResult result = Run("100", "1000", []);

        string summary = ConsoleSummary.Format(result);

        Assert.Equal("Rate window: seconds 1–9 (the partial first and last seconds left out)", WindowLine(summary));
    }

    /// <summary>
    /// An interrupted run sent only part of its load: its successes stopping with it is no outage, and
    /// the load did not run to the scenario's planned end.
    /// </summary>
    [Fact]
    public void AnInterruptedRun_IsMeasuredAgainstTheLoadItSent()
    {
        RunResult finished = Run("100", "1000", []);
        // As if Ctrl+C came after the 501st request: sent until 5.00 s, successes until 5.02 s.
        RunStatistics s = finished.Statistics with { Sent = 501 };
        TimeSpan lastSuccess = s.LastSuccess;

        string line = RateWindowText.Line(finished.Scenario, s with { LastSuccess = TimeSpan.FromSeconds(5.02) });

        Assert.True(lastSuccess > TimeSpan.FromSeconds(9));
        Assert.Equal("Rate window: seconds 1–9 (the partial first and last seconds left out)", line);
    }

    private static string WindowLine(string summary) =>
        summary.ReplaceLineEndings("\n").Split('\n').Single(line => line.StartsWith("Rate window:", StringComparison.Ordinal));

    private static RunResult Run(string rate, string requests, IReadOnlyList<string> slowdowns) =>
        new ScenarioRun(new ScenarioBuilder
        {
            Rate = rate,
            RequestCount = requests,
            Latency = "20ms*4",
            Timeout = "1s",
            Slowdowns = slowdowns,
            Clock = ClockKind.Virtual,
        }.Build()).Run(CancellationToken.None);
}
