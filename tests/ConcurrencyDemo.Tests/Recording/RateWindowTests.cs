using ConcurrencyDemo.Recording;

namespace ConcurrencyDemo.Tests.Recording;

public sealed class RateWindowTests
{
    [Fact]
    public void Compute_LeavesOutPartialFirstAndLastSeconds()
    {
        // E1's shape: 980 in the first second (nothing completes before 20 ms), 1000 after, 20 in the last.
        long[] perSecond = [980, 1000, 1000, 1000, 20];

        RateSummary rate = RateWindow.Compute(perSecond, TimeSpan.FromSeconds(4.02));

        Assert.Equal(1000, rate.Average, 9);
        Assert.Equal(0, rate.StdDev, 9);
        Assert.Equal(1, rate.FirstSecond);
        Assert.Equal(3, rate.LastSecond);
        Assert.False(rate.WholeRun);
    }

    [Fact]
    public void Compute_StdDevIsPopulationStdDevOfTheWindow()
    {
        long[] perSecond = [5, 10, 20, 30, 7];

        RateSummary rate = RateWindow.Compute(perSecond, TimeSpan.FromSeconds(4.5));

        // Window 10, 20, 30: mean 20, population variance (100 + 0 + 100) / 3.
        Assert.Equal(20, rate.Average, 9);
        Assert.Equal(Math.Sqrt(200.0 / 3), rate.StdDev, 9);
    }

    [Fact]
    public void Compute_ShortRun_UsesWholeRunAndNeverNaN()
    {
        long[] perSecond = [300, 200];

        RateSummary rate = RateWindow.Compute(perSecond, TimeSpan.FromSeconds(1.25));

        Assert.True(rate.WholeRun);
        Assert.Equal(400, rate.Average, 9);
        Assert.Equal(0, rate.StdDev);
    }

    [Fact]
    public void Compute_NothingCompleted_IsZero()
    {
        RateSummary rate = RateWindow.Compute([], TimeSpan.Zero);

        Assert.Equal(0, rate.Average);
        Assert.False(double.IsNaN(rate.StdDev));
    }
}
