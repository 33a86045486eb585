using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConcurrencyDemo.Benchmarks;
using Perfolizer.Horology;

// `--quick`: a short job (few, short iterations) so that the whole set runs in a few minutes on a
// small machine; the figures are noisier. Everything else goes to BenchmarkDotNet as usual.
bool quick = args.Contains("--quick");
string[] forwarded = args.Where(a => a != "--quick").ToArray();

IConfig config = DefaultConfig.Instance;
if (quick)
{
    config = config.AddJob(Job.Default
        .WithId("Quick")
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(5)
        .WithIterationTime(TimeInterval.FromMilliseconds(150)));
}

IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(IncrementBenchmarks).Assembly).Run(forwarded, config);
RatioTable.PrintAndSave(summaries.ToList(), Console.Out);
