using SkiaSharp;

namespace ConcurrencyDemo.Reporting;

/// <summary>Composes rendered charts into one PNG: side by side (sync left, async right, as the article shows them) or stacked.</summary>
public static class ChartComposer
{
    /// <summary>Places the PNGs left to right on one image.</summary>
    public static byte[] SideBySide(params IReadOnlyList<byte[]> pngs) => Compose(pngs, horizontal: true);

    /// <summary>Places the PNGs top to bottom on one image.</summary>
    public static byte[] Stacked(params IReadOnlyList<byte[]> pngs) => Compose(pngs, horizontal: false);

    private static byte[] Compose(IReadOnlyList<byte[]> pngs, bool horizontal)
    {
        var bitmaps = pngs.Select(p => SKBitmap.Decode(p) ?? throw new ArgumentException("not a PNG image", nameof(pngs))).ToList();
        try
        {
            int width = horizontal ? bitmaps.Sum(b => b.Width) : bitmaps.Max(b => b.Width);
            int height = horizontal ? bitmaps.Max(b => b.Height) : bitmaps.Sum(b => b.Height);
            using var surface = SKSurface.Create(new SKImageInfo(width, height));
            SKCanvas canvas = surface.Canvas;
            canvas.Clear(SKColors.White);
            int offset = 0;
            foreach (SKBitmap bitmap in bitmaps)
            {
                canvas.DrawBitmap(bitmap, horizontal ? offset : 0, horizontal ? 0 : offset);
                offset += horizontal ? bitmap.Width : bitmap.Height;
            }

            using SKImage image = surface.Snapshot();
            using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        }
        finally
        {
            foreach (SKBitmap bitmap in bitmaps)
            {
                bitmap.Dispose();
            }
        }
    }
}
