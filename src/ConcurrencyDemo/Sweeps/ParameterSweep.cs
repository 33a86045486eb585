using System.Globalization;
using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Sweeps;

/// <summary>Runs one scenario over a range of one parameter.</summary>
public static class ParameterSweep
{
    /// <summary>
    /// Derives one scenario per value from <paramref name="baseline"/>, or throws <see cref="ScenarioException"/>
    /// listing every value that is not valid.
    /// </summary>
    public static IReadOnlyList<(double Value, string Label, Scenario Scenario)> Scenarios(Scenario baseline, SweepParameter parameter, IReadOnlyList<string> values)
    {
        var problems = new List<string>();
        var points = new List<(double, string, Scenario)>();
        foreach (string raw in values)
        {
            string label = raw.Trim();
            string name = $"{baseline.Name}_{parameter.ToString().ToLowerInvariant()}_{FileSafe(label)}";
            switch (parameter)
            {
                case SweepParameter.Threads:
                    if (int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out int threads) && threads is >= 1 and <= ScenarioBuilder.MaxThreads)
                    {
                        points.Add((threads, label, baseline with { Name = name, Engine = EngineKind.Sync, Threads = threads }));
                    }
                    else
                    {
                        problems.Add($"--values: \"{raw}\" is not a thread count — expected whole numbers from 1 to {ScenarioBuilder.MaxThreads}, e.g. 100,200,300");
                    }

                    break;
                case SweepParameter.Rate:
                    if (double.TryParse(label, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double rate) && rate > 0 && rate <= ScenarioBuilder.MaxRate)
                    {
                        points.Add((rate, label, baseline with { Name = name, RatePerSecond = rate }));
                    }
                    else
                    {
                        problems.Add($"--values: \"{raw}\" is not a rate — expected numbers of requests per second > 0, e.g. 500,1000,2000");
                    }

                    break;
                case SweepParameter.Fanout:
                    throw new ArgumentException("a fan-out sweep runs through FanoutSweep", nameof(parameter));
                default:
                    if (DurationParser.TryParse(label, out TimeSpan latency, out _) && latency > TimeSpan.Zero)
                    {
                        // Endpoints that are down stay down: the sweep varies how slow the healthy ones are.
                        TimeSpan[] latencies = baseline.EndpointLatencies.Select(l => baseline.Succeeds(l) ? latency : l).ToArray();
                        // The swept value replaces a distribution too: every answering endpoint takes exactly it.
                        points.Add((latency.TotalMilliseconds, label, baseline with { Name = name, EndpointLatencies = latencies, EndpointDistributions = [] }));
                    }
                    else
                    {
                        problems.Add($"--values: \"{raw}\" is not a latency — expected durations, e.g. 20ms,40ms,60ms");
                    }

                    break;
            }
        }

        if (problems.Count > 0)
        {
            throw new ScenarioException(problems);
        }

        return points;
    }

    /// <summary>
    /// Runs every scenario in turn. The memory of a sync point is threads × <paramref name="perThread"/>
    /// when given (measured in a fresh process, so it is not mixed with the runs before it); otherwise,
    /// on the real clock, the process's measured peaks.
    /// </summary>
    public static SweepResult Run(
        Scenario baseline,
        SweepParameter parameter,
        IReadOnlyList<(double Value, string Label, Scenario Scenario)> scenarios,
        MemoryCost? perThread,
        Action<string>? progress,
        CancellationToken cancellationToken)
    {
        var points = new List<SweepPoint>();
        foreach ((double value, string label, Scenario scenario) in scenarios)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke(label);
            RunResult result = new ScenarioRun(scenario).Run(cancellationToken);
            long? resident = null, reserved = null;
            if (perThread is not null && scenario.Engine == EngineKind.Sync)
            {
                resident = (long)(scenario.Threads * perThread.ResidentPerUnit);
                reserved = (long)(scenario.Threads * perThread.VirtualPerUnit);
            }
            else if (result.Machine is { } machine)
            {
                resident = machine.PeakResidentBytes;
                reserved = machine.PeakVirtualBytes;
            }

            points.Add(new SweepPoint(value, label, result, ScenarioTheory.For(scenario).ExpectedSuccessRate, resident, reserved));
        }

        return new SweepResult(parameter, baseline, points, perThread);
    }

    private static string FileSafe(string label) =>
        new(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}
