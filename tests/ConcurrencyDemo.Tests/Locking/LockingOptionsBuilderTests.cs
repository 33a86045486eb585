using ConcurrencyDemo.Locking;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Locking;

public sealed class LockingOptionsBuilderTests
{
    [Fact]
    public void Build_NothingGiven_GivesTheDocumentedDefaults()
    {
        (LockingOptions o, IReadOnlyList<LockingMode> modes) = new LockingOptionsBuilder().Build();

        Assert.Equal([LockingMode.Coarse, LockingMode.Owner], modes);
        Assert.Equal(4, o.Workers);
        Assert.Equal(TimeSpan.FromSeconds(3), o.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(1), o.WriteLatency);
        Assert.Equal(TimeSpan.FromSeconds(1.5), o.SlowdownAt);
        Assert.Equal(TimeSpan.FromMilliseconds(10), o.SlowdownLatency);
        Assert.Null(o.QueueCapacity);
    }

    [Fact]
    public void Build_ShortRunWithoutSlowdownAt_PutsTheSlowdownHalfWay()
    {
        (LockingOptions o, _) = new LockingOptionsBuilder { Duration = "1s" }.Build();

        Assert.Equal(TimeSpan.FromMilliseconds(500), o.SlowdownAt);
    }

    [Fact]
    public void Build_SlowdownNoneAndBoundedQueue_AreAccepted()
    {
        (LockingOptions o, IReadOnlyList<LockingMode> modes) =
            new LockingOptionsBuilder { Mode = "owner", SlowdownAt = "none", QueueCapacity = "100" }.Build();

        Assert.Equal([LockingMode.Owner], modes);
        Assert.Null(o.SlowdownAt);
        Assert.Equal(100, o.QueueCapacity);
        Assert.Equal(o.WriteLatency, o.WriteLatencyAt(TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("--mode", "fast")]
    [InlineData("--workers", "0")]
    [InlineData("--workers", "many")]
    [InlineData("--duration", "0s")]
    [InlineData("--duration", "2 weeks")]
    [InlineData("--write-latency", "-1ms")]
    [InlineData("--slowdown-at", "5s")]
    [InlineData("--slowdown-latency", "0")]
    [InlineData("--queue-capacity", "0")]
    public void Build_BadValue_NamesTheOptionAndTheValidForm(string option, string value)
    {
        LockingOptionsBuilder builder = option switch
        {
            "--mode" => new() { Mode = value },
            "--workers" => new() { Workers = value },
            "--duration" => new() { Duration = value },
            "--write-latency" => new() { WriteLatency = value },
            "--slowdown-at" => new() { SlowdownAt = value, Duration = "3s" },
            "--slowdown-latency" => new() { SlowdownLatency = value },
            _ => new() { QueueCapacity = value },
        };

        var error = Assert.Throws<ScenarioException>(() => builder.Build());

        string problem = Assert.Single(error.Problems);
        Assert.StartsWith(option, problem, StringComparison.Ordinal);
        Assert.Contains("expected", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeveralBadValues_ReportsThemAllTogether()
    {
        var error = Assert.Throws<ScenarioException>(() =>
            new LockingOptionsBuilder { Mode = "x", Workers = "0", WriteLatency = "soon" }.Build());

        Assert.Equal(3, error.Problems.Count);
    }
}
