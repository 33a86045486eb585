using ConcurrencyDemo.Locking;

namespace ConcurrencyDemo.Tests.Locking;

public sealed class RunGeometryTests
{
    private static readonly LockingOptions s_options = new(
        2, TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(10), null);

    [Fact]
    public void Spread_SplitsAnIntervalAcrossBucketsAndPhases_AndClampsToTheRun()
    {
        var geometry = new RunGeometry(s_options);
        long[] buckets = new long[geometry.BucketCount];
        long[] phases = new long[geometry.Phases.Count];

        geometry.Spread(TimeSpan.FromMilliseconds(350), TimeSpan.FromMilliseconds(1200), buckets, phases);

        Assert.Equal(TimeSpan.FromMilliseconds(650).Ticks, buckets.Sum());
        Assert.Equal(TimeSpan.FromMilliseconds(50).Ticks, phases[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(600).Ticks, phases[1]);
    }

    [Fact]
    public void PhaseOf_EdgesBelongToTheLaterPhase_AndTheEndIsOutside()
    {
        var geometry = new RunGeometry(s_options);

        Assert.Equal(0, geometry.PhaseOf(TimeSpan.Zero));
        Assert.Equal(1, geometry.PhaseOf(TimeSpan.FromMilliseconds(400)));
        Assert.Equal(-1, geometry.PhaseOf(TimeSpan.FromSeconds(1)));
        Assert.Equal(-1, geometry.BucketOf(TimeSpan.FromSeconds(1)));
    }
}
