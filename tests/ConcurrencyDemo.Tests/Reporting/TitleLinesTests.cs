using ConcurrencyDemo.Reporting;
using CsCheck;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>A chart's subtitle is broken into lines that fit the chart, losing nothing.</summary>
public sealed class TitleLinesTests
{
    [Fact]
    public void Wrap_BreaksTheLongPlaygroundSubtitle_AfterItsCommas()
    {
        const string subtitle = "sync_1000rps_10000req_20msx9-30s_virtual: sync 200 threads, 1000 rps, 20ms*9,30s, virtual clock";

        string wrapped = TitleLines.Wrap(subtitle);

        Assert.Equal("sync_1000rps_10000req_20msx9-30s_virtual: sync 200 threads, \n1000 rps, 20ms*9,30s, virtual clock".Replace(" \n", "\n", StringComparison.Ordinal), wrapped);
    }

    [Fact]
    public void Wrap_LeavesAShortSubtitleAlone() =>
        Assert.Equal("e1: async, 1000 rps, 20ms*10", TitleLines.Wrap("e1: async, 1000 rps, 20ms*10"));

    [Fact]
    public void Wrap_NoLineIsLonger_AndNoCharacterIsLost() =>
        Gen.String[Gen.Char["ab ,:"], 0, 300].Sample(text =>
        {
            string wrapped = TitleLines.Wrap(text, 20);
            Assert.All(wrapped.Split('\n'), line => Assert.True(line.Length <= 20, line));
            Assert.Equal(Squeeze(text), Squeeze(wrapped));
        });

    // Line breaks replace the spaces at line ends; the rest must be the text, in order.
    private static string Squeeze(string text) => new([.. text.Where(c => c is not (' ' or '\n'))]);
}
