using System.Globalization;

namespace ConcurrencyDemo.Reporting;

/// <summary>
/// The unit a chart shows overheads in, chosen by their size, so that 550 000 ms reads as 9.2 min.
/// </summary>
/// <param name="Name">ms, s or min.</param>
/// <param name="Milliseconds">How many milliseconds one unit is.</param>
public sealed record OverheadUnit(string Name, double Milliseconds)
{
    /// <summary>Milliseconds.</summary>
    public static readonly OverheadUnit Ms = new("ms", 1);

    /// <summary>Seconds.</summary>
    public static readonly OverheadUnit Seconds = new("s", 1000);

    /// <summary>Minutes.</summary>
    public static readonly OverheadUnit Minutes = new("min", 60_000);

    /// <summary>The unit for values up to <paramref name="maxMs"/>: ms below 1 s, s below 2 min, min above.</summary>
    public static OverheadUnit For(double maxMs) => maxMs switch
    {
        < 1000 => Ms,
        < 120_000 => Seconds,
        _ => Minutes,
    };

    /// <summary>A value in milliseconds, in this unit.</summary>
    public double From(double ms) => ms / Milliseconds;

    /// <summary>An axis label such as "overhead (s)".</summary>
    public string Label(string what) => string.Create(CultureInfo.InvariantCulture, $"{what} ({Name})");
}
