using System.Globalization;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Mitigations;

/// <summary>Reads the mitigation options' text; each problem is one line naming the option and the valid form.</summary>
public static class MitigationParser
{
    /// <summary>The valid form of --balancer.</summary>
    public const string BalancerForm = "round-robin, random, least-outstanding or p2c, e.g. --balancer p2c";

    /// <summary>The valid form of --eject.</summary>
    public const string EjectForm = "nothing (Envoy's defaults) or any of consecutive=COUNT ≥ 1,interval=DURATION > 0,base=DURATION > 0,max=PERCENT in 0–100, e.g. --eject consecutive=5,interval=10s,base=30s,max=10%";

    /// <summary>The valid form of --breaker.</summary>
    public const string BreakerForm = "nothing (Polly v8's defaults) or any of ratio=FRACTION in 0–1,window=DURATION > 0,min=COUNT ≥ 1,break=DURATION > 0, e.g. --breaker ratio=0.1,window=30s,min=100,break=5s";

    /// <summary>The valid form of --bulkhead.</summary>
    public const string BulkheadForm = "calls in flight per endpoint, a whole number ≥ 1, e.g. --bulkhead 10";

    /// <summary>The valid form of --retries.</summary>
    public const string RetriesForm = "retries per request, a whole number from 0 to 10, e.g. --retries 2";

    /// <summary>The valid form of --retry-budget.</summary>
    public const string RetryBudgetForm = "a share of requests in percent, 0–100, e.g. --retry-budget 20% (Finagle's budget: deposits last 10 s, plus 10 retries a second always allowed); it needs --retries";

    /// <summary>The valid form of --hedge-after.</summary>
    public const string HedgeAfterForm = "a duration > 0 and below --timeout, e.g. --hedge-after 50ms";

    /// <summary>Most retries per request: beyond this a request's attempts are a load generator of their own.</summary>
    public const int MaxRetries = 10;

    /// <summary>Parses --retries; null text is none.</summary>
    public static int ParseRetries(string? text, List<string> problems)
    {
        if (text is null)
        {
            return 0;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int retries) && retries <= MaxRetries)
        {
            return retries;
        }

        problems.Add($"--retries: \"{text}\" is not valid — expected {RetriesForm}");
        return 0;
    }

    /// <summary>Parses --retry-budget; null text is no budget. A budget without retries is refused: it would change nothing.</summary>
    public static RetryBudgetSettings? ParseRetryBudget(string? text, int retries, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (Percent(text.Trim()) is not { } percent)
        {
            problems.Add($"--retry-budget: \"{text}\" is not valid — expected {RetryBudgetForm}");
            return null;
        }

        if (retries == 0)
        {
            problems.Add($"--retry-budget: a budget for retries, but --retries is 0 — expected --retries N (N ≥ 1) with it, e.g. --retries 2 --retry-budget {text.Trim()}");
            return null;
        }

        return RetryBudgetSettings.Share(percent);
    }

    /// <summary>Parses --hedge-after; null text is no hedging. A hedge at or after the timeout would never be sent.</summary>
    public static TimeSpan? ParseHedgeAfter(string? text, TimeSpan timeout, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (PositiveDuration(text.Trim()) is { } after && after < timeout)
        {
            return after;
        }

        problems.Add($"--hedge-after: \"{text}\" is not valid — expected {HedgeAfterForm}");
        return null;
    }

    /// <summary>Parses --breaker: null text is no breaker, empty text Polly's defaults, else key=value pairs overriding them.</summary>
    public static BreakerSettings? ParseBreaker(string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        BreakerSettings settings = BreakerSettings.Default;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            string? value = pair.Length == 2 ? pair[1] : null;
            switch (pair[0].ToLowerInvariant())
            {
                case "ratio" when double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double ratio) && ratio is >= 0 and <= 1:
                    settings = settings with { FailureRatio = ratio };
                    break;
                case "window" when PositiveDuration(value) is { } window:
                    settings = settings with { SamplingDuration = window };
                    break;
                case "min" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int min) && min >= 1:
                    settings = settings with { MinimumThroughput = min };
                    break;
                case "break" when PositiveDuration(value) is { } breakDuration:
                    settings = settings with { BreakDuration = breakDuration };
                    break;
                default:
                    problems.Add($"--breaker: \"{part}\" is not valid — expected {BreakerForm}");
                    return null;
            }
        }

        return settings;
    }

    /// <summary>Parses --bulkhead; null text is no limit.</summary>
    public static int? ParseBulkhead(string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int limit) && limit >= 1)
        {
            return limit;
        }

        problems.Add($"--bulkhead: \"{text}\" is not valid — expected {BulkheadForm}");
        return null;
    }

    /// <summary>The option's word for <paramref name="kind"/>.</summary>
    public static string Name(BalancerKind kind) => kind switch
    {
        BalancerKind.Random => "random",
        BalancerKind.LeastOutstanding => "least-outstanding",
        BalancerKind.PowerOfTwoChoices => "p2c",
        _ => "round-robin",
    };

    /// <summary>Parses --balancer; null text is round robin.</summary>
    public static BalancerKind ParseBalancer(string? text, List<string> problems)
    {
        if (text is null)
        {
            return BalancerKind.RoundRobin;
        }

        foreach (BalancerKind kind in Enum.GetValues<BalancerKind>())
        {
            if (string.Equals(Name(kind), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        problems.Add($"--balancer: \"{text}\" is not a balancer — expected {BalancerForm}");
        return BalancerKind.RoundRobin;
    }

    /// <summary>Parses --eject: null text is no ejection, empty text Envoy's defaults, else key=value pairs overriding them.</summary>
    public static EjectionSettings? ParseEjection(string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        EjectionSettings settings = EjectionSettings.Default;
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            string key = pair[0].ToLowerInvariant();
            string? value = pair.Length == 2 ? pair[1] : null;
            switch (key)
            {
                case "consecutive" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= 1:
                    settings = settings with { Consecutive = count };
                    break;
                case "interval" when PositiveDuration(value) is { } interval:
                    settings = settings with { Interval = interval };
                    break;
                case "base" when PositiveDuration(value) is { } baseTime:
                    settings = settings with { BaseTime = baseTime };
                    break;
                case "max" when Percent(value) is { } percent:
                    settings = settings with { MaxPercent = percent };
                    break;
                default:
                    problems.Add($"--eject: \"{part}\" is not valid — expected {EjectForm}");
                    return null;
            }
        }

        return settings;
    }

    private static TimeSpan? PositiveDuration(string? text) =>
        text is not null && DurationParser.TryParse(text, out TimeSpan d, out _) && d > TimeSpan.Zero ? d : null;

    private static double? Percent(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string number = text.EndsWith('%') ? text[..^1] : text;
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double p) && p is >= 0 and <= 100 ? p : null;
    }
}
