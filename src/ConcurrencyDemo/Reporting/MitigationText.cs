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

        if (settings.Retries > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" --retries {settings.Retries}");
        }

        if (settings.RetryBudget is { } budget)
        {
            text.Append(CultureInfo.InvariantCulture, $" --retry-budget {budget.Percent:0.###}%");
        }

        if (settings.HedgeAfter is { } after)
        {
            text.Append(" --hedge-after ").Append(Units.ShortDuration(after));
        }

        return text.ToString();
    }

    /// <summary>
    /// One line on what retries and hedging did (calls beyond one per request as extra load); empty when
    /// the run had neither.
    /// </summary>
    public static string CountersLine(RunResult result)
    {
        MitigationSettings settings = result.Scenario.Mitigations;
        if (result.MitigationCounters is not { } c || (settings.Retries == 0 && settings.HedgeAfter is null))
        {
            return "";
        }

        var parts = new List<string>();
        if (settings.Retries > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Retried} retries sent{(settings.RetryBudget is null ? "" : $", {c.RetriesRefused} refused by the budget")}"));
        }

        if (settings.HedgeAfter is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{c.Hedged} hedges sent, {c.HedgesWon} answered first, {c.Abandoned} calls abandoned"));
        }

        string baseCalls = c.CallsPerAttempt == 1
            ? string.Create(CultureInfo.InvariantCulture, $"requests ({c.Requests})")
            : string.Create(CultureInfo.InvariantCulture, $"the first attempts made ({c.Requests} requests × {c.CallsPerAttempt})");
        return string.Create(CultureInfo.InvariantCulture, $"Extra load: {string.Join("; ", parts)} — {c.ExtraLoadPercent:0.##} % more calls than {baseCalls}\n");
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
