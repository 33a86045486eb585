using System.Globalization;

namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// Parses one duration such as <c>20ms</c>, <c>1.5s</c>, <c>250us</c> or <c>30</c> (a bare number means milliseconds).
/// </summary>
public static class DurationParser
{
    /// <summary>The longest duration accepted anywhere (a day): longer ones are almost surely typos.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(1);

    /// <summary>The valid form, for error messages.</summary>
    public const string ValidForm = "a number with an optional unit ns, us, µs, ms, s, m or h (bare numbers are ms), e.g. 20ms, 1.5s";

    // Longest unit first so that "ms" is not read as "m" followed by junk.
    private static readonly (string Suffix, decimal TicksPerUnit)[] s_units =
    [
        ("ns", 0.01m),
        ("us", 10m),
        ("µs", 10m),
        ("μs", 10m), // Greek mu, which some keyboards produce instead of the micro sign
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "empty duration";
            return false;
        }

        decimal ticksPerUnit = TimeSpan.TicksPerMillisecond;
        string number = trimmed;
        foreach ((string suffix, decimal perUnit) in s_units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                ticksPerUnit = perUnit;
                number = trimmed[..^suffix.Length].TrimEnd();
                break;
            }
        }

        if (!IsPlainDecimal(number))
        {
            error = $"\"{trimmed}\" is not a duration";
            return false;
        }

        // decimal.TryParse cannot overflow silently; anything past decimal's range or our maximum is rejected.
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
        {
            error = $"\"{trimmed}\" is too large";
            return false;
        }

        decimal ticks;
        try
        {
            ticks = Math.Round(value * ticksPerUnit, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            error = $"\"{trimmed}\" is too large";
            return false;
        }

        if (ticks > Maximum.Ticks)
        {
            error = $"\"{trimmed}\" is longer than the maximum of 1 day";
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        error = "";
        return true;
    }

    // Digits with at most one decimal point and at least one digit: no sign, no exponent, no
    // thousands separators, ASCII digits only (char.IsDigit would accept Arabic-Indic digits).
    private static bool IsPlainDecimal(string s)
    {
        bool seenDigit = false;
        bool seenPoint = false;
        foreach (char c in s)
        {
            if (c is >= '0' and <= '9')
            {
                seenDigit = true;
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return false;
            }
        }

        return seenDigit;
    }
}
