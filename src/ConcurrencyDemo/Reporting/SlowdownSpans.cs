using ConcurrencyDemo.Scenarios;
using ScottPlot;

namespace ConcurrencyDemo.Reporting;

/// <summary>Shades each <c>--slowdown</c> window on a chart whose x axis is seconds since the run's start.</summary>
public static class SlowdownSpans
{
    /// <summary>The shade, for tests and legends.</summary>
    public static readonly Color Fill = Colors.OrangeRed.WithAlpha(0.18);

    /// <summary>Adds one span per window of <paramref name="scenario"/>; none when it has no slowdown.</summary>
    public static void Add(Plot plot, Scenario scenario)
    {
        foreach (Slowdown slowdown in scenario.Slowdowns)
        {
            var span = plot.Add.HorizontalSpan(slowdown.From.TotalSeconds, slowdown.To.TotalSeconds);
            span.FillStyle.Color = Fill;
            span.LineStyle.Width = 0;
            span.LegendText = $"slowdown {slowdown}";
        }
    }
}
