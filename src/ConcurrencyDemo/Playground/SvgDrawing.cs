using System.Text;
using ScottPlot;
using SkiaSharp;

namespace ConcurrencyDemo.Playground;

/// <summary>
/// A plot as SVG, drawn the way ScottPlot's <c>GetSvgXml</c> draws it but without its bitmap: ScottPlot
/// renders a fresh plot until its axis limits stop changing (twice at least), which on an SVG canvas
/// would write every line twice, so <c>GetSvgXml</c> (5.1.59) first renders into an 820×440 bitmap it
/// throws away. Here those first renders go to a canvas that draws nothing: same limits, same layout,
/// same SVG (only Skia's clip-path numbers differ), in 45–65 ms instead of 75–100 ms for the
/// playground's six charts (E3, 100 000 requests, measured at load average 0.8–1.8).
/// </summary>
public static class SvgDrawing
{
    /// <summary>The SVG document of <paramref name="plot"/> at <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public static string Of(Plot plot, int width, int height)
    {
        using (var settling = new SKNoDrawCanvas(width, height))
        {
            plot.Render(settling, width, height);
        }

        bool clear = plot.RenderManager.ClearCanvasBeforeEachRender;
        plot.RenderManager.ClearCanvasBeforeEachRender = false; // an SVG canvas cannot be cleared
        try
        {
            using var stream = new MemoryStream();
            using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            {
                plot.Render(canvas, width, height);
            } // the document is complete once its canvas is disposed

            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }
        finally
        {
            plot.RenderManager.ClearCanvasBeforeEachRender = clear;
        }
    }
}
