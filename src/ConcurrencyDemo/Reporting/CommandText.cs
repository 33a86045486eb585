using System.Globalization;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Reporting;

/// <summary>The command line that runs a scenario, in the article's form.</summary>
public static class CommandText
{
    /// <summary>e.g. <c>concurrency-demo-benchmarks --name sync_1k --rate 1000 --num_req 10000 --latency "20ms*10" sync --threads 50</c>.</summary>
    public static string For(Scenario s)
    {
        var inv = CultureInfo.InvariantCulture;
        string clock = s.Clock == ClockKind.Virtual ? " --clock virtual" : "";
        string timeout = s.Timeout == Scenario.DefaultTimeout ? "" : $" --timeout {Units.ShortDuration(s.Timeout)}";
        string mode = s.Engine switch
        {
            EngineKind.Sync => string.Create(inv, $"sync --threads {s.Threads}"),
            EngineKind.ThreadPool => ThreadPoolMode(s.Pool!),
            _ => "async",
        };
        var upstream = new System.Text.StringBuilder();
        foreach (Slowdown slowdown in s.Slowdowns)
        {
            upstream.Append(" --slowdown ").Append(slowdown);
        }

        if (s.Fanout != Fanout.None)
        {
            upstream.Append(" --fanout ").Append(s.Fanout);
        }

        if (s.UpstreamCapacity is { } capacity)
        {
            upstream.Append(inv, $" --upstream-capacity {capacity}");
        }

        string rate = s.HasRate ? string.Create(inv, $" --rate {s.RatePerSecond:0.###}") : "";
        string closed = s.Arrivals == ArrivalPattern.Closed ? string.Create(inv, $" --arrivals closed --connections {s.Connections}") : "";
        if (s.Duration is TimeSpan sending)
        {
            closed += $" --duration {Units.ShortDuration(sending)}";
        }

        return string.Create(inv, $"concurrency-demo-benchmarks --name {s.Name}{rate}{closed} --num_req {s.RequestCount} --latency \"{Units.LatencyList(s)}\"{timeout}{upstream}{MitigationText.Options(s.Mitigations)}{clock} {mode}");
    }

    // The minimum always (its default, the core count, differs between machines); the maximum when not .NET's 32767.
    private static string ThreadPoolMode(ThreadPoolSettings pool)
    {
        string min = string.Create(CultureInfo.InvariantCulture, $" --min-threads {pool.MinThreads}");
        string max = pool.MaxThreads == ThreadPoolSettings.MaxPossibleThreads ? "" : string.Create(CultureInfo.InvariantCulture, $" --max-threads {pool.MaxThreads}");
        return $"threadpool --block {pool.Block.ToString().ToLowerInvariant()}{min}{max}";
    }
}
