using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// <c>sweep --parameter fanout</c>: the tail at scale, share of slow requests against K, one curve per
/// <c>--slow</c> probability, simulated beside 1 − (1 − p)^K.
/// </summary>
internal static class FanoutSweepCommand
{
    public const string DefaultLatency = "mix(10ms,1s@1%)";

    public static int Execute(ScenarioBuilder builder, string? values, string? slow, string output, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        builder.Latency ??= DefaultLatency;
        var problems = new List<string>();
        IReadOnlyList<int> fanouts = FanoutSweep.ParseFanouts(values, problems);
        IReadOnlyList<double> probabilities = FanoutSweep.ParseProbabilities(slow, problems);
        Scenario? baseline = null;
        try
        {
            baseline = builder.Build();
        }
        catch (ScenarioException e)
        {
            problems.AddRange(e.Problems);
        }

        MixedLatency? call = baseline is null ? null : FanoutSweep.CallOf(baseline, problems);
        if (problems.Count > 0 || baseline is null || call is null)
        {
            return UserError.Report(stderr, problems);
        }

        if (OutputFolder.Prepare(output, stderr) is { } folderProblem)
        {
            return UserError.Report(stderr, [folderProblem]);
        }

        using var interruption = new Interruption(stderr);
        IReadOnlyList<FanoutSweepPoint> plan = FanoutSweep.Plan(baseline, call, fanouts, probabilities);
        IReadOnlyList<FanoutSweepPoint> points = FanoutSweep.Run(plan, quiet ? null : label => stderr.WriteLine($"fanout: {label} …"), interruption.Token);
        string mode = baseline.Engine == EngineKind.Sync ? $"sync {baseline.Threads} threads" : "async";
        string subtitle = $"{mode}, {baseline.RequestCount} requests per point, calls {call.Fast.TotalMilliseconds:0.###} ms or {call.Slow.TotalMilliseconds:0.###} ms (slow), {baseline.Clock.ToString().ToLowerInvariant()} clock";
        stdout.Write(FanoutSweepReport.Format(points));
        stdout.WriteLine(OutputFile.Write(Path.Combine(output, FanoutSweepChart.FileName(baseline.Name)), FanoutSweepChart.Render(points, subtitle)));
        stdout.WriteLine(OutputFile.Write(Path.Combine(output, FanoutSweepReport.FileName(baseline.Name)), FanoutSweepReport.Serialize(points)));
        return ExitCodes.Success;
    }
}
