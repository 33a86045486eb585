using System.Globalization;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Reporting;

/// <summary>The summary's words for the load: the rate, and for a closed loop what it did not send.</summary>
public static class ClosedLoopText
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>"1000 rps", or for a closed loop "closed loop of 50 connections, capped at 1000 rps" / "…, no rate".</summary>
    public static string Load(Scenario scenario)
    {
        string rate = string.Create(s_inv, $"{scenario.RatePerSecond:0.###} rps");
        if (scenario.Arrivals != ArrivalPattern.Closed)
        {
            return rate;
        }

        string connections = $"closed loop of {scenario.Connections} connection{(scenario.Connections == 1 ? "" : "s")}";
        if (scenario.Duration is TimeSpan sending)
        {
            connections += $" for {Units.Duration(sending)}";
        }

        return scenario.HasRate ? $"{connections}, capped at {rate}" : $"{connections}, no rate";
    }

    /// <summary>The closed loop's line (empty for an open loop): how many requests it did not send that the open loop would have.</summary>
    public static string Format(RunResult result)
    {
        if (result.ClosedLoop is not { } loop)
        {
            return "";
        }

        Scenario scenario = result.Scenario;
        string window = Window(result.Window);
        string sent = string.Create(s_inv, $"Closed loop: {loop.Connections} connection{(loop.Connections == 1 ? "" : "s")} sent {loop.Sent} requests in {Units.Duration(loop.LastSent)}");
        if (loop.NotSent is not long notSent)
        {
            return sent + ", each when its connection's previous answer came back. Without --rate there is no schedule: latency counts from each send, and coordinated omission cannot be corrected or counted (as with wrk) — add --rate to measure it" + Environment.NewLine + window;
        }

        return sent + string.Create(
            s_inv,
            $"; an open loop at {scenario.RatePerSecond:0.###} rps sends {loop.OpenLoopWouldHaveSent} in that time: {notSent} requests not sent (coordinated omission). Latency counts from when each was due at {scenario.RatePerSecond:0.###} rps (wrk2's correction)") + Environment.NewLine + window;
    }

    /// <summary>
    /// The --duration line, as bombardier reports a run: e.g. "For 10 s: 330 answered within it, 33.000
    /// requests/s; mean latency 3.480 s over all 454 answered (the 124 still in flight at 10 s finished after it)".
    /// </summary>
    private static string Window(DurationWindow? window)
    {
        if (window is null)
        {
            return "";
        }

        string mean = window.MeanLatency is TimeSpan m ? string.Create(s_inv, $"mean latency {m.TotalSeconds:0.000} s over all {window.Answered} answered") : "nothing answered";
        long late = window.Answered - window.AnsweredWithin;
        string after = late > 0 ? string.Create(s_inv, $" (the {late} still in flight at {Units.Duration(window.Duration)} finished after it)") : "";
        return string.Create(s_inv, $"For {Units.Duration(window.Duration)}: {window.Sent} sent, {window.AnsweredWithin} answered within it, {window.RequestsPerSecond:0.000} requests/s; {mean}{after}") + Environment.NewLine;
    }
}
