using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Reproduction;
using ConcurrencyDemo.Running;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Tests.Reproduction;

/// <summary>E11 on the virtual clock (what <c>reproduce --quick</c> and <c>--virtual-only</c> run), and its verdict rule.</summary>
public sealed class E11DotnetThreadPoolTests
{
    private static readonly ExperimentContext s_virtualOnly = new(new ReproductionOptions(Quick: true, VirtualOnly: true), (_, _) => throw new InvalidOperationException("E11 measures no memory"), () => null);

    [Fact]
    public void Model_KeepsUpWithAFixedPoolResultAndAsync_WhileSleepStarves()
    {
        ExperimentResult result = new E11DotnetThreadPool().Run(s_virtualOnly, CancellationToken.None);

        Assert.Equal(Verdict.Matches, result.Verdict);
        Assert.Equal(4, result.Commands.Count); // the model's four runs only: no real clock in --quick
        Assert.Contains(result.Commands, c => c.EndsWith("--clock virtual threadpool --block sleep --min-threads 2", StringComparison.Ordinal));
        Assert.All(result.Table.Skip(1), row => Assert.Equal("not run", row[2]));
        Assert.Equal("50.000", result.Table[1][1]); // the fixed pool
        Assert.Equal("50.000", result.Table[4][1]); // async
        Assert.Equal("10", result.Table[1][5]);
        Assert.StartsWith("peak ", result.Table[3][5], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RealPoolFarFromTheModel_IsSameDirection_AndUnorderedP99IsNamed()
    {
        IReadOnlyList<RunResult> model = ModelRuns();

        Assert.Equal(Verdict.Matches, E11DotnetThreadPool.Judge(model, model).Verdict);

        RunResult slowSleep = model[2] with { Statistics = model[2].Statistics with { Rate = model[2].Statistics.Rate with { Average = 20 } } };
        (Verdict verdict, string why) = E11DotnetThreadPool.Judge(model, [model[0], model[1], slowSleep, model[3]]);
        Assert.Equal(Verdict.SameDirection, verdict);
        Assert.Contains("ThreadPool, --block sleep", why, StringComparison.Ordinal);

        // Sleep no worse than result on the real pool: the effect did not show there.
        (_, string unordered) = E11DotnetThreadPool.Judge(model, [model[0], model[2], model[1], model[3]]);
        Assert.Contains("does not: sleep's p99 is not above result's", unordered, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ModelWhereSleepKeepsUp_Differs()
    {
        IReadOnlyList<RunResult> model = ModelRuns();

        Assert.Equal(Verdict.Differs, E11DotnetThreadPool.Judge([model[0], model[1], model[1], model[3]], null).Verdict);
    }

    // The model's four runs, in E11's order, built as the experiment builds them.
    private static IReadOnlyList<RunResult> ModelRuns()
    {
        var runs = new List<RunResult>();
        (EngineKind Engine, BlockKind? Block)[] modes =
        [
            (EngineKind.Sync, null), (EngineKind.ThreadPool, BlockKind.Result), (EngineKind.ThreadPool, BlockKind.Sleep), (EngineKind.Async, null),
        ];
        foreach ((EngineKind engine, BlockKind? block) in modes)
        {
            ScenarioBuilder builder = TestScenarios.Builder(50, 500, "100ms", threads: engine == EngineKind.Sync ? 10 : null);
            builder.Engine = engine;
            builder.Block = block;
            builder.PoolMinThreads = engine == EngineKind.ThreadPool ? "2" : null;
            runs.Add(new ScenarioRun(builder.Build()).Run(CancellationToken.None));
        }

        return runs;
    }
}
