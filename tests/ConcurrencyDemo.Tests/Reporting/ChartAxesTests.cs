using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;
using ScottPlot;
using ScottPlot.Panels;
using ScottPlot.Plottables;

namespace ConcurrencyDemo.Tests.Reporting;

/// <summary>Each chart, rendered from a real virtual-clock run, read back through ScottPlot's API: limits, legend, units, ticks.</summary>
public sealed class ChartAxesTests
{
    private static readonly Lazy<RunResult> s_e3Sync = new(() => Run(EngineKind.Sync, "20ms*9,30s", 3000));
    private static readonly Lazy<RunResult> s_e1Async = new(() => Run(EngineKind.Async, "20ms*10", 2500));

    public static TheoryData<ChartKind, bool> KindsAndRuns() => new()
    {
        { ChartKind.Histogram, true }, { ChartKind.Percentiles, true }, { ChartKind.Timeline, true }, { ChartKind.RequestRate, true },
        { ChartKind.Histogram, false }, { ChartKind.Percentiles, false }, { ChartKind.Timeline, false }, { ChartKind.RequestRate, false },
    };

    [Theory]
    [MemberData(nameof(KindsAndRuns))]
    public void NoAxisGoesBelowZero_AndLegendsSitOutsideTheData(ChartKind kind, bool e3)
    {
        Plot plot = Rendered(kind, e3);

        AxisLimits limits = plot.Axes.GetLimits();
        Assert.Equal(0, limits.Bottom);
        if (kind != ChartKind.RequestRate)
        {
            Assert.True(limits.Left >= 0, $"{kind} x starts at {limits.Left}");
        }

        bool hasLegendItems = plot.GetPlottables().Any(p => p.LegendItems.Any(i => !string.IsNullOrEmpty(i.LabelText)));
        if (hasLegendItems)
        {
            Assert.False(plot.Legend.IsVisible, "no legend inside the data area");
            Assert.Single(plot.Axes.GetPanels().OfType<LegendPanel>());
        }
    }

    [Theory]
    [InlineData(ChartKind.Histogram, true)]
    [InlineData(ChartKind.Percentiles, true)]
    [InlineData(ChartKind.Timeline, true)]
    [InlineData(ChartKind.Percentiles, false)]
    public void Overheads_AreShownInAUnitThatSuitsTheirSize(ChartKind kind, bool e3)
    {
        RunResult result = e3 ? s_e3Sync.Value : s_e1Async.Value;
        Plot plot = Rendered(kind, e3);
        double peakMs = ChartRenderer.PeakOverheadMs(kind, result);
        string label = kind == ChartKind.Histogram ? plot.Axes.Bottom.Label.Text : plot.Axes.Left.Label.Text;

        string expected = peakMs < 1000 ? "(ms)" : peakMs < 120_000 ? "(s)" : "(min)";
        Assert.EndsWith(expected, label, StringComparison.Ordinal);
        if (e3)
        {
            Assert.DoesNotContain("(ms)", label, StringComparison.Ordinal);
        }

        AxisLimits limits = plot.Axes.GetLimits();
        double axisPeak = kind == ChartKind.Histogram ? limits.Right : limits.Top;
        Assert.InRange(axisPeak, 0, 1500);
    }

    [Fact]
    public void Percentiles_UseTheInverseTailLogAxis_LabelledInNines()
    {
        Plot plot = Rendered(ChartKind.Percentiles, e3: true);

        AxisLimits limits = plot.Axes.GetLimits();
        Assert.Equal(0, limits.Left);
        Assert.InRange(limits.Right, 5, 5.5);
        string[] labels = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(["0%", "90%", "99%", "99.9%", "99.99%", "99.999%"], labels);
        Assert.Equal(2, ChartRenderer.PercentileX(99), 9);
    }

    [Theory]
    [InlineData(ChartKind.Timeline)]
    [InlineData(ChartKind.RequestRate)]
    public void PerSecondCharts_HaveWholeSecondTicks(ChartKind kind)
    {
        Plot plot = Rendered(kind, e3: false);

        Tick[] ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Equal(Math.Round(t.Position), t.Position, 9));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RateChart_DrawsAsDataExactlyTheSecondsTheAvgRateCounts(bool e3)
    {
        RunResult result = e3 ? s_e3Sync.Value : s_e1Async.Value;
        RateSummary window = result.Statistics.Rate;
        Plot plot = Rendered(ChartKind.RequestRate, e3);

        Scatter series = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText.Contains("Avg rate", StringComparison.Ordinal));
        double[] xs = series.Data.GetScatterPoints().Select(p => p.X).ToArray();
        Assert.Equal(window.FirstSecond, xs.Min());
        Assert.Equal(window.LastSecond, xs.Max());
        Assert.Contains(plot.GetPlottables(), p => p.LegendItems.Any(i => i.LabelText.Contains("left out of Avg rate", StringComparison.Ordinal)));
        Assert.True(plot.Axes.GetLimits().Top >= result.Scenario.RatePerSecond);
    }

    [Fact]
    public void Sweep_LittlesLawOnTopAndMemoryPanelsWithTheirOwnAxes()
    {
        Scenario baseline = new ScenarioBuilder { Rate = "10000", RequestCount = "4000", Latency = "20ms*10", Engine = EngineKind.Sync, Threads = "1", Clock = ClockKind.Virtual }.Build();
        var scenarios = ParameterSweep.Scenarios(baseline, SweepParameter.Threads, ["100", "200", "300"]);
        var perThread = new MemoryCost(new MemorySample(MemoryProbeKind.BlockedThreads, 100, 0, 0, 0, 100), 8 << 20, 20 << 10);
        SweepResult sweep = ParameterSweep.Run(baseline, SweepParameter.Threads, scenarios, perThread, null, CancellationToken.None);

        IReadOnlyList<Plot> panels = SweepChart.Build(sweep);
        foreach (Plot panel in panels)
        {
            panel.GetImageBytes(ChartRenderer.Width, ChartRenderer.Height, ImageFormat.Png);
            Assert.Equal(0, panel.Axes.GetLimits().Bottom);
            Assert.False(panel.Legend.IsVisible && panel.GetPlottables().Any(p => p.LegendItems.Any(i => !string.IsNullOrEmpty(i.LabelText))), "no legend inside the data area");
        }

        Assert.Equal(4, panels.Count);
        Scatter[] lines = panels[0].GetPlottables().OfType<Scatter>().ToArray();
        Assert.Equal("Little's law", lines[^1].LegendText);
        Assert.True(lines[^1].LineWidth > lines[0].LineWidth);
        Assert.Contains("GiB", panels[2].Axes.Left.Label.Text, StringComparison.Ordinal);
        Assert.Contains("MiB", panels[3].Axes.Left.Label.Text, StringComparison.Ordinal);
        Assert.True(panels[3].Axes.GetLimits().Top < 50, "the resident panel is scaled to resident memory, not to GiB of address space");
    }

    [Theory]
    [InlineData(ChartKind.Histogram)]
    [InlineData(ChartKind.Percentiles)]
    [InlineData(ChartKind.Timeline)]
    [InlineData(ChartKind.RequestRate)]
    public void ComparePanels_NeverGoBelowZero_AndShareOneUnitWhenTheyShareAScale(ChartKind kind)
    {
        RunResult async = Run(EngineKind.Async, "20ms*9,30s", 3000);
        (Plot left, Plot right) = ComparisonCharts.Build(kind, s_e3Sync.Value, async);

        foreach (Plot plot in new[] { left, right })
        {
            plot.GetImageBytes(ChartRenderer.Width, ChartRenderer.Height, ImageFormat.Png);
            Assert.Equal(0, plot.Axes.GetLimits().Bottom);
        }

        if (left.Axes.GetLimits().Top == right.Axes.GetLimits().Top)
        {
            Assert.Equal(left.Axes.Left.Label.Text, right.Axes.Left.Label.Text);
        }
    }

    private static Plot Rendered(ChartKind kind, bool e3)
    {
        Plot plot = ChartRenderer.Build(kind, e3 ? s_e3Sync.Value : s_e1Async.Value);
        // Ticks and panels are laid out when the plot is rendered.
        plot.GetImageBytes(ChartRenderer.Width, ChartRenderer.Height, ImageFormat.Png);
        return plot;
    }

    private static RunResult Run(EngineKind engine, string latency, int requests)
    {
        Scenario scenario = new ScenarioBuilder
        {
            Rate = "1000",
            RequestCount = requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Latency = latency,
            Engine = engine,
            Threads = engine == EngineKind.Sync ? "50" : null,
            Clock = ClockKind.Virtual,
        }.Build();
        return new ScenarioRun(scenario).Run(CancellationToken.None);
    }
}
