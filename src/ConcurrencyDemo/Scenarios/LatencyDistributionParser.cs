using System.Globalization;

namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// Parses one endpoint's latency in the <c>--latency</c> list: a fixed value (<c>20ms</c>) or a
/// distribution: <c>exp(20ms)</c>, <c>lognormal(p50=20ms,p99=200ms)</c>, <c>uniform(10ms,30ms)</c>,
/// <c>mix(10ms,1s@1%)</c>.
/// </summary>
public static class LatencyDistributionParser
{
    /// <summary>The distributions' forms, for error messages.</summary>
    public const string DistributionForms = "exp(MEAN), lognormal(p50=P50,p99=P99), uniform(LOW,HIGH) or mix(FAST,SLOW@P%)";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why (without the valid form).</summary>
    public static bool TryParse(string text, out LatencyDistribution distribution, out string error)
    {
        distribution = new FixedLatency(TimeSpan.Zero);
        string trimmed = text.Trim();
        int open = trimmed.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            if (!DurationParser.TryParse(trimmed, out TimeSpan fixedLatency, out error))
            {
                return false;
            }

            distribution = new FixedLatency(fixedLatency);
            return true;
        }

        if (!trimmed.EndsWith(')'))
        {
            error = "a distribution ends with ')'";
            return false;
        }

        string kind = trimmed[..open].Trim().ToLowerInvariant();
        string[] args = trimmed[(open + 1)..^1].Split(',');
        (bool ok, error, distribution) = kind switch
        {
            "exp" => Exponential(args),
            "uniform" => Uniform(args),
            "lognormal" => LogNormal(args),
            "mix" => Mix(args),
            _ => (false, $"unknown distribution \"{kind}\" — expected {DistributionForms}", distribution),
        };
        return ok;
    }

    private static (bool, string, LatencyDistribution) Exponential(string[] args)
    {
        if (args.Length != 1 || !Duration(args[0], "exp mean", out TimeSpan mean, out string error))
        {
            return Fail(args.Length != 1 ? "exp takes one mean, e.g. exp(20ms)" : Error(args[0], "exp mean"));
        }

        return mean <= TimeSpan.Zero ? Fail("exp mean must be greater than 0, e.g. exp(20ms)") : (true, error, new ExponentialLatency(mean));
    }

    private static (bool, string, LatencyDistribution) Uniform(string[] args)
    {
        if (args.Length != 2)
        {
            return Fail("uniform takes LOW,HIGH, e.g. uniform(10ms,30ms)");
        }

        if (!Duration(args[0], "uniform low", out TimeSpan low, out _) || !Duration(args[1], "uniform high", out TimeSpan high, out _))
        {
            return Fail(Error(args[0], "uniform low") is { Length: > 0 } e ? e : Error(args[1], "uniform high"));
        }

        return high < low ? Fail("uniform HIGH is below LOW, e.g. uniform(10ms,30ms)") : (true, "", new UniformLatency(low, high));
    }

    private static (bool, string, LatencyDistribution) LogNormal(string[] args)
    {
        TimeSpan? p50 = null, p99 = null;
        foreach (string arg in args)
        {
            string[] pair = arg.Split('=');
            string key = pair[0].Trim().ToLowerInvariant();
            if (pair.Length != 2 || key is not ("p50" or "p99"))
            {
                return Fail($"lognormal takes p50=...,p99=..., not \"{arg.Trim()}\", e.g. lognormal(p50=20ms,p99=200ms)");
            }

            if (!Duration(pair[1], $"lognormal {key}", out TimeSpan value, out _))
            {
                return Fail(Error(pair[1], $"lognormal {key}"));
            }

            if (key == "p50")
            {
                p50 = value;
            }
            else
            {
                p99 = value;
            }
        }

        if (p50 is not { } median || p99 is not { } tail)
        {
            return Fail("lognormal needs both p50 and p99, e.g. lognormal(p50=20ms,p99=200ms)");
        }

        if (median <= TimeSpan.Zero)
        {
            return Fail("lognormal p50 must be greater than 0, e.g. lognormal(p50=20ms,p99=200ms)");
        }

        // p99 = p50 would be a fixed value: say so rather than divide by a zero spread.
        return tail <= median
            ? Fail("lognormal p99 must be above p50 (use a fixed value for no spread), e.g. lognormal(p50=20ms,p99=200ms)")
            : (true, "", new LogNormalLatency(median, tail));
    }

    private static (bool, string, LatencyDistribution) Mix(string[] args)
    {
        const string form = "mix(FAST,SLOW@P%), e.g. mix(10ms,1s@1%)";
        string[] slowPart = args.Length == 2 ? args[1].Split('@') : [];
        if (slowPart.Length != 2)
        {
            return Fail($"mix takes {form}");
        }

        if (!Duration(args[0], "mix fast", out TimeSpan fast, out _) || !Duration(slowPart[0], "mix slow", out TimeSpan slow, out _))
        {
            return Fail(Error(args[0], "mix fast") is { Length: > 0 } e ? e : Error(slowPart[0], "mix slow"));
        }

        string percent = slowPart[1].Trim();
        if (!percent.EndsWith('%')
            || !double.TryParse(percent[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double p)
            || p < 0 || p > 100)
        {
            return Fail($"mix probability \"{percent}\" is not a percentage from 0% to 100% — expected {form}");
        }

        return (true, "", new MixedLatency(fast, slow, p / 100));
    }

    private static bool Duration(string text, string what, out TimeSpan value, out string error)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith('-'))
        {
            value = TimeSpan.Zero;
            error = $"{what} is negative";
            return false;
        }

        return DurationParser.TryParse(trimmed, out value, out error);
    }

    private static string Error(string text, string what) =>
        Duration(text, what, out _, out string error) ? "" : $"{what} \"{text.Trim()}\": {error}";

    private static (bool, string, LatencyDistribution) Fail(string error) => (false, error, new FixedLatency(TimeSpan.Zero));
}
