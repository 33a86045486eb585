using System.Globalization;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;
using CsCheck;
using ConcurrencyDemo.Theory;

namespace ConcurrencyDemo.Tests.Scenarios;

/// <summary>
/// Property tests of scenario validation: any mix of valid and invalid option texts either builds a
/// scenario that honours every invariant, or throws <see cref="ScenarioException"/> with one line per
/// problem — never another exception.
/// </summary>
public sealed class ScenarioBuilderPropertyTests
{
    private static readonly Gen<string> s_junk = Gen.Char["0123456789.,*-+eE msunh/\\.\u0001٣"].Array[0, 12].Select(a => new string(a));

    private static readonly Gen<string?> s_number = Gen.OneOf<string?>(
        Gen.Const((string?)null),
        Gen.Long[-5, 1_000_000].Select(n => (string?)n.ToString(CultureInfo.InvariantCulture)),
        Gen.Double[0, 2e7].Select(d => (string?)d.ToString("0.####", CultureInfo.InvariantCulture)),
        Gen.Const<string?>("99999999999999999999999"),
        s_junk.Select(s => (string?)s));

    private static readonly Gen<string?> s_latency = Gen.OneOf<string?>(
        Gen.Const((string?)null),
        Gen.Const<string?>("20ms*9,30s"),
        Gen.Select(Gen.Int[0, 40_000], Gen.Int[1, 20]).Select((ms, n) => (string?)$"{ms}ms*{n}"),
        s_junk.Select(s => (string?)s));

    private static readonly Gen<string?> s_name = Gen.OneOf<string?>(
        Gen.Const((string?)null),
        Gen.Const<string?>("sync_1k_20ms"),
        Gen.Const<string?>(".."),
        Gen.String.Select(s => (string?)s));

    [Fact]
    public void Build_AnyInput_ValidScenarioOrScenarioException()
    {
        var limits = new MachineLimits(192_000, 96_000, 20, 8L << 30, MachineLimits.DefaultStackReservationBytes);
        Gen.Select(s_number, s_number, s_latency, s_number, s_latency, s_name, Gen.Bool, Gen.Bool)
            .Sample((rate, count, latency, threads, timeout, name, sync, isVirtual) =>
            {
                var builder = new ScenarioBuilder
                {
                    Rate = rate,
                    RequestCount = count,
                    Latency = latency,
                    Threads = threads,
                    Timeout = timeout,
                    Name = name,
                    Engine = sync ? EngineKind.Sync : EngineKind.Async,
                    Clock = isVirtual ? ClockKind.Virtual : ClockKind.Real,
                };

                Scenario scenario;
                try
                {
                    scenario = builder.Build();
                }
                catch (ScenarioException e)
                {
                    Assert.NotEmpty(e.Problems);
                    Assert.All(e.Problems, p => Assert.False(p.Contains('\n', StringComparison.Ordinal) || p.Contains('\r', StringComparison.Ordinal), p));
                    return;
                }

                Assert.InRange(scenario.RatePerSecond, double.Epsilon, ScenarioBuilder.MaxRate);
                Assert.True(scenario.RequestCount >= 1);
                Assert.NotEmpty(scenario.EndpointLatencies);
                Assert.True(scenario.Timeout > TimeSpan.Zero);
                Assert.Null(FileNameRules.Check(scenario.Name));
                Assert.Equal(sync ? int.Parse(threads!.Trim(), CultureInfo.InvariantCulture) : 0, scenario.Threads);
                Assert.InRange(scenario.LoadDuration, TimeSpan.Zero, ScenarioBuilder.MaxLoadDuration);

                // Everything downstream of a valid scenario must cope with it too.
                Assert.True(ScenarioTheory.For(scenario).ExpectedDuration >= TimeSpan.Zero);
                Assert.InRange(ScenarioTheory.For(scenario).SuccessFraction, 0, 1);
                Assert.False(double.IsNaN(ScenarioTheory.For(scenario).ExpectedSuccessRate));
                _ = RunGuard.Check(scenario, limits, 1L << 30);
            }, iter: 5000);
    }

    [Fact]
    public void Build_ValidNumbers_GiveThoseNumbers()
    {
        Gen.Select(Gen.Int[1, 1_000_000], Gen.Int[1, 10_000_000], Gen.Int[1, 100_000], Gen.Int[1, 60_000])
            .Sample((rate, count, threads, latencyMs) =>
            {
                Scenario s = new ScenarioBuilder
                {
                    Rate = rate.ToString(CultureInfo.InvariantCulture),
                    RequestCount = count.ToString(CultureInfo.InvariantCulture),
                    Threads = threads.ToString(CultureInfo.InvariantCulture),
                    Latency = $"{latencyMs}ms",
                    Engine = EngineKind.Sync,
                }.Build();
                Assert.Equal(rate, s.RatePerSecond);
                Assert.Equal(count, s.RequestCount);
                Assert.Equal(threads, s.Threads);
                Assert.Equal(TimeSpan.FromMilliseconds(latencyMs), Assert.Single(s.EndpointLatencies));
            });
    }
}
