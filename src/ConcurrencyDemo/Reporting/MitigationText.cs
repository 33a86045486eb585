using System.Globalization;
using System.Text;
using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Running;

namespace ConcurrencyDemo.Reporting;

/// <summary>Mitigations as text: the options that set them, and the per-endpoint table of a run.</summary>
public static class MitigationText
{
    /// <summary>The command-line options for <paramref name="settings"/>, each with a leading space; empty for none.</summary>
    public static string Options(MitigationSettings settings)
    {
        var text = new StringBuilder();
        if (settings.Balancer != BalancerKind.RoundRobin)
        {
            text.Append(" --balancer ").Append(MitigationParser.Name(settings.Balancer));
        }

        if (settings.Ejection is { } e)
        {
            text.Append(e == EjectionSettings.Default
                ? " --eject"
                : string.Create(CultureInfo.InvariantCulture, $" --eject consecutive={e.Consecutive},interval={Units.ShortDuration(e.Interval)},base={Units.ShortDuration(e.BaseTime)},max={e.MaxPercent:0.###}%"));
        }

        if (settings.Breaker is { } b)
        {
            text.Append(b == BreakerSettings.Default
                ? " --breaker"
                : string.Create(CultureInfo.InvariantCulture, $" --breaker ratio={b.FailureRatio:0.###},window={Units.ShortDuration(b.SamplingDuration)},min={b.MinimumThroughput},break={Units.ShortDuration(b.BreakDuration)}"));
        }

        if (settings.Bulkhead is { } limit)
        {
            text.Append(CultureInfo.InvariantCulture, $" --bulkhead {limit}");
        }

        return text.ToString();
    }

    /// <summary>The per-endpoint table of <paramref name="result"/>; empty when it ran without mitigations.</summary>
    public static string EndpointTable(RunResult result)
    {
        if (result.Endpoints is not { } rows)
        {
            return "";
        }

        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Endpoints ({Options(result.Scenario.Mitigations).Trim()}):");
        text.AppendLine("  endpoint  latency   requests  successes  failures  fast-fails  ejections  time ejected  breaker opened  time open");
        foreach (EndpointStatistics r in rows)
        {
            text.AppendLine(inv, $"  {r.Endpoint,8}  {Units.ShortDuration(r.Latency),-8}{r.Requests,10}{r.Successes,11}{r.Failures,10}{r.FastFails,12}{r.Ejections,11}  {Units.Duration(r.TimeEjected),12}{r.BreakerOpened,16}  {Units.Duration(r.TimeOpen)}");
        }

        return text.ToString();
    }
}
