using ConcurrencyDemo.Scenarios;
using System.Globalization;

namespace ConcurrencyDemo.Reporting;

/// <summary>Human-readable formatting shared by the reports.</summary>
internal static class Units
{
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.00} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    public static string Duration(TimeSpan d) => d.TotalSeconds switch
    {
        >= 3600 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalHours:0.00} h"),
        >= 60 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMinutes:0.00} min"),
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0.###} ms"),
    };

    /// <summary>The latency list in its short form: <c>20ms*9,30s</c>.</summary>
    public static string LatencyList(IReadOnlyList<TimeSpan> latencies) => Grouped([.. latencies.Select(ShortDuration)]);

    /// <summary>The scenario's latency list as written, distributions included: <c>exp(20ms)*10</c>.</summary>
    public static string LatencyList(Scenario scenario) =>
        scenario.EndpointDistributions.Count > 0
            ? Grouped([.. scenario.EndpointDistributions.Select(d => d.ToString())])
            : LatencyList(scenario.EndpointLatencies);

    /// <summary>
    /// The latency list followed by the fan-out and slowdown windows when the scenario has them:
    /// <c>20ms*10, fanout 3, slowdown 0=2s@1-2</c>, for titles and summaries.
    /// </summary>
    public static string Upstreams(Scenario scenario)
    {
        string list = LatencyList(scenario);
        if (scenario.Fanout != Fanout.None)
        {
            list += $", fanout {scenario.Fanout}";
        }

        foreach (Slowdown slowdown in scenario.Slowdowns)
        {
            list += $", slowdown {slowdown}";
        }

        if (scenario.UpstreamCapacity is { } capacity)
        {
            list += $", {capacity} calls at once per endpoint";
        }

        return list;
    }

    private static string Grouped(IReadOnlyList<string> values)
    {
        var items = new List<string>();
        int i = 0;
        while (i < values.Count)
        {
            int run = 1;
            while (i + run < values.Count && values[i + run] == values[i])
            {
                run++;
            }

            string value = values[i];
            items.Add(run > 1 ? $"{value}*{run}" : value);
            i += run;
        }

        return string.Join(',', items);
    }

    public static string ShortDuration(TimeSpan d)
    {
        if (d.Ticks % TimeSpan.TicksPerSecond == 0 && d.Ticks > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{d.Ticks / TimeSpan.TicksPerSecond}s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0.####}ms");
    }
}
