using System.Xml.Linq;
using ConcurrencyDemo.Playground;
using ScottPlot;

namespace ConcurrencyDemo.Tests.Playground;

public sealed class SvgLabelsTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void OneRunEach_CutsEachLabelsGlyphPositionsToTheFirst_AndLeavesEverythingElse()
    {
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 0, 1, 2 }, new double[] { 5, 3, 8 });
        plot.Title("Successful requests per second");
        plot.XLabel("completion time (s since run start)");
        string drawn = plot.GetSvgXml(820, 440);
        XElement[] before = Texts(drawn);
        Assert.Contains(before, t => ((string)t.Attribute("x")!).Count(c => c == ',') > 5); // ScottPlot places each glyph

        string cut = SvgLabels.OneRunEach(drawn);

        XElement[] after = Texts(cut);
        Assert.Equal(before.Select(t => t.Value), after.Select(t => t.Value));
        Assert.Equal(before.Select(t => First((string)t.Attribute("x")!)), after.Select(t => (string)t.Attribute("x")!));
        Assert.Equal(before.Select(t => First((string)t.Attribute("y")!)), after.Select(t => (string)t.Attribute("y")!));
        Assert.Equal(before.Select(t => (string?)t.Attribute("transform")), after.Select(t => (string?)t.Attribute("transform")));
        Assert.Equal(Others(drawn), Others(cut));
    }

    private static XElement[] Texts(string svg) => [.. XDocument.Parse(svg).Descendants(s_svg + "text")];

    private static string[] Others(string svg) =>
        [.. XDocument.Parse(svg).Descendants().Where(e => e.Name != s_svg + "text").Select(e => new XElement(e.Name, e.Attributes()).ToString())];

    private static string First(string list) => list.Split(',')[0].Trim();
}
