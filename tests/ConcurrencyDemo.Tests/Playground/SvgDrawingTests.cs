using System.Text.RegularExpressions;
using ConcurrencyDemo.Playground;
using ScottPlot;

namespace ConcurrencyDemo.Tests.Playground;

public sealed partial class SvgDrawingTests
{
    [Fact]
    public void Of_DrawsWhatScottPlotsGetSvgXmlDraws_OnceAndWithoutItsBitmap()
    {
        string ours = Numbered(SvgDrawing.Of(NewPlot(), 820, 440));
        string scottPlots = Numbered(NewPlot().GetSvgXml(820, 440));

        Assert.Equal(scottPlots, ours);
        Assert.Equal(1, Regex.Count(ours, "Successful requests per second")); // the title drawn once, not once per settling render
    }

    [Fact]
    public void Of_LeavesThePlotClearingItsCanvasAsBefore()
    {
        Plot plot = NewPlot();
        SvgDrawing.Of(plot, 400, 300);
        Assert.True(plot.RenderManager.ClearCanvasBeforeEachRender);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 0, 1, 2, 3 }, new double[] { 5, 3, 8, 1 });
        plot.Add.HorizontalLine(4).LegendText = "theory";
        plot.Title("Successful requests per second");
        plot.XLabel("completion time (s since run start)");
        plot.ShowLegend();
        return plot;
    }

    // Skia numbers clip paths across the process: cl_c in one document may be cl_2e in another.
    private static string Numbered(string svg)
    {
        var numbers = new Dictionary<string, int>();
        return ClipId().Replace(svg, m => "cl_" + (numbers.TryGetValue(m.Value, out int n) ? n : numbers[m.Value] = numbers.Count));
    }

    [GeneratedRegex("cl_[0-9a-f]+")]
    private static partial Regex ClipId();
}
