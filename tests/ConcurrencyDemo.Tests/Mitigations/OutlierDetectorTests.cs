using ConcurrencyDemo.Mitigations;

namespace ConcurrencyDemo.Tests.Mitigations;

/// <summary>Envoy's consecutive-failure ejection, on exact ticks.</summary>
public sealed class OutlierDetectorTests
{
    private static long S(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;

    private static void Fail(OutlierDetector d, int endpoint, int times, double atSeconds)
    {
        for (int i = 0; i < times; i++)
        {
            d.Record(endpoint, succeeded: false, S(atSeconds));
        }
    }

    [Fact]
    public void Ejects_OnTheFifthFailureInARow_NotTheFourth()
    {
        var d = new OutlierDetector(EjectionSettings.Default, 10);
        Fail(d, 9, 4, 1);
        Assert.False(d.Ejected[9]);
        Fail(d, 9, 1, 1);
        Assert.True(d.Ejected[9]);
        Assert.Equal(1, d.EjectedCount);
    }

    [Fact]
    public void ASuccess_ResetsTheStreak()
    {
        var d = new OutlierDetector(EjectionSettings.Default, 10);
        Fail(d, 3, 4, 1);
        d.Record(3, succeeded: true, S(1));
        Fail(d, 3, 4, 1);
        Assert.False(d.Ejected[3]);
    }

    [Fact]
    public void Returns_AtTheFirstSweepAfterBaseTime_AndTheSecondEjectionLastsTwiceAsLong()
    {
        var d = new OutlierDetector(EjectionSettings.Default, 10);
        Fail(d, 9, 5, 1);
        d.Advance(S(39.999));
        Assert.True(d.Ejected[9]); // sweeps at 10, 20, 30 s: 29 s < 30 s base
        d.Advance(S(40));
        Assert.False(d.Ejected[9]);
        Assert.Equal((1, TimeSpan.FromSeconds(39)), d.Totals(9, S(40)));

        // Back in service, five more failures: 2 × 30 s, so not back at the sweep at 100 s (59 s), at 110 s.
        Fail(d, 9, 5, 41);
        d.Advance(S(100));
        Assert.True(d.Ejected[9]);
        d.Advance(S(110));
        Assert.False(d.Ejected[9]);
        Assert.Equal((2, TimeSpan.FromSeconds(39 + 69)), d.Totals(9, S(110)));
    }

    [Fact]
    public void Multiplier_ShrinksByOnePerSweepInService()
    {
        var d = new OutlierDetector(EjectionSettings.Default, 10);
        Fail(d, 9, 5, 1);  // multiplier 1, back at 40 s
        d.Advance(S(40));
        d.Advance(S(50));  // one sweep in service: multiplier 0
        Fail(d, 9, 5, 51); // multiplier 1 again: back after 30 s, at the sweep at 90 s
        d.Advance(S(90));
        Assert.False(d.Ejected[9]);
    }

    [Theory]
    [InlineData(10, 10, 1)]
    [InlineData(10, 20, 2)]
    [InlineData(3, 10, 1)] // 33 % is above 10 %, but one endpoint may always be ejected
    [InlineData(4, 0, 1)]
    public void NeverMoreThanMaxPercent_ButAlwaysOne(int endpoints, double maxPercent, int expectedOut)
    {
        var d = new OutlierDetector(EjectionSettings.Default with { MaxPercent = maxPercent }, endpoints);
        for (int e = 0; e < endpoints; e++)
        {
            Fail(d, e, 5, 1);
        }

        Assert.Equal(expectedOut, d.EjectedCount);
    }
}
