using System.Globalization;

namespace ConcurrencyDemo.Scenarios;

/// <summary>A duration written back the way the command line takes it: <c>1s</c>, <c>20ms</c>, <c>0.5ms</c>.</summary>
internal static class DurationText
{
    public static string Of(TimeSpan d) =>
        d.Ticks % TimeSpan.TicksPerSecond == 0 && d.Ticks > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{d.Ticks / TimeSpan.TicksPerSecond}s")
            : string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0.####}ms");
}
