using System.Globalization;
using ConcurrencyDemo.Scenarios;
using CsCheck;

namespace ConcurrencyDemo.Tests.Scenarios;

/// <summary>
/// Property tests of the latency parsers: any text either parses to what it means or is rejected
/// with a one-line error; nothing ever throws.
/// </summary>
public sealed class ParserPropertyTests
{
    private static readonly (string Unit, decimal TicksPerUnit)[] s_units =
    [
        ("ns", 0.01m), ("us", 10m), ("µs", 10m), ("ms", TimeSpan.TicksPerMillisecond), ("", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    // One "VALUE*COUNT" item: an integer and a unit that stay within a day, and a count.
    private static readonly Gen<(int Value, int Unit, int Count, bool WithCount)> s_item =
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, s_units.Length - 1], Gen.Int[1, 50], Gen.Bool)
            .Where(t => t.Item1 * s_units[t.Item2].TicksPerUnit <= TimeSpan.TicksPerDay);

    // Characters the parsers care about, plus look-alikes and junk.
    private static readonly Gen<string> s_junk = Gen.Char["0123456789.,*msunh µ-+eE٣２\t\n"].Array[0, 24].Select(a => new string(a));

    [Fact]
    public void LatencyList_ValidValueCountLists_ParseToWhatTheyMean()
    {
        s_item.Array[1, 8].Sample(items =>
        {
            string text = string.Join(',', items.Select(i =>
                $"{i.Value.ToString(CultureInfo.InvariantCulture)}{s_units[i.Unit].Unit}{(i.WithCount ? $"*{i.Count}" : "")}"));
            var expected = new List<TimeSpan>();
            foreach ((int value, int unit, int count, bool withCount) in items)
            {
                long ticks = (long)Math.Round(value * s_units[unit].TicksPerUnit, MidpointRounding.AwayFromZero);
                expected.AddRange(Enumerable.Repeat(TimeSpan.FromTicks(ticks), withCount ? count : 1));
            }

            Assert.True(LatencyListParser.TryParse(text, out IReadOnlyList<TimeSpan> latencies, out string error), $"{text}: {error}");
            Assert.Equal(expected, latencies);
        }, iter: 1000);
    }

    [Fact]
    public void LatencyList_AnyText_ParsesSensiblyOrIsRejectedWithOneLine()
    {
        Gen.OneOf(s_junk, Gen.String).Sample(text =>
        {
            if (LatencyListParser.TryParse(text, out IReadOnlyList<TimeSpan> latencies, out string error))
            {
                Assert.InRange(latencies.Count, 1, LatencyListParser.MaxEndpoints);
                Assert.All(latencies, l => Assert.InRange(l, TimeSpan.Zero, DurationParser.Maximum));
            }
            else
            {
                Assert.StartsWith("--latency: ", error, StringComparison.Ordinal);
                Assert.Contains("expected", error, StringComparison.Ordinal);
            }
        }, iter: 5000);
    }

    [Fact]
    public void Duration_DecimalWithUnit_ParsesToRoundedTicks()
    {
        Gen.Select(Gen.Int[0, 99_999], Gen.Int[0, 999], Gen.Int[0, s_units.Length - 1]).Sample((whole, fraction, unit) =>
        {
            decimal value = whole + (fraction / 1000m);
            string text = $"{value.ToString("0.000", CultureInfo.InvariantCulture)}{s_units[unit].Unit}";
            decimal ticks = Math.Round(value * s_units[unit].TicksPerUnit, MidpointRounding.AwayFromZero);
            bool ok = DurationParser.TryParse(text, out TimeSpan d, out string error);
            if (ticks <= DurationParser.Maximum.Ticks)
            {
                Assert.True(ok, $"{text}: {error}");
                Assert.Equal((long)ticks, d.Ticks);
            }
            else
            {
                Assert.False(ok, text);
                Assert.Contains("maximum", error, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void Duration_AnyText_ParsesWithinRangeOrIsRejected()
    {
        Gen.OneOf(s_junk, Gen.String).Sample(text =>
        {
            if (DurationParser.TryParse(text, out TimeSpan d, out string error))
            {
                Assert.InRange(d, TimeSpan.Zero, DurationParser.Maximum);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        }, iter: 5000);
    }
}
