using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Reporting;
using static ConcurrencyDemo.Reproduction.ExperimentRuns;

namespace ConcurrencyDemo.Reproduction;

/// <summary>E6: what a blocked thread and a pending async request cost in memory.</summary>
internal sealed class E6ThreadMemory : IExperiment
{
    public string Id => "E6";

    public string What => "memory per thread";

    public ExperimentResult Run(ExperimentContext context, CancellationToken cancellationToken)
    {
        ReproductionOptions options = context.Options;
        MemoryReport memory = context.MeasureMemory(options.MemoryThreads, options.MemoryRequests);
        context.Memory = memory;
        MemoryCost largest = memory.LargestThreadSample!;
        double articlePerThread = ArticleFigures.VirtualBytesPerThread;
        string ours = $"per thread {Units.Bytes((long)largest.VirtualPerUnit)} virtual (VmSize), {Units.Bytes((long)largest.ResidentPerUnit)} resident (VmRSS), at {largest.Sample.Count} threads";
        if (memory.Pending.Count > 0)
        {
            MemoryCost p = memory.Pending.MaxBy(c => c.Sample.Count)!;
            ours += $"; per pending async request {Units.Bytes((long)p.ResidentPerUnit)} resident (at {p.Sample.Count})";
        }

        bool close = Close(largest.VirtualPerUnit, articlePerThread, 0.25);
        string why = close
            ? "our virtual cost per thread is within 25% of the article's"
            : $"we reserve {Units.Bytes((long)largest.VirtualPerUnit)} per thread, the article ~{Units.Bytes((long)articlePerThread)}. {MemoryReportText.Explanation(memory.StackLimitBytes)}";
        var table = new List<IReadOnlyList<string>>
        {
            new[] { "threads", "virtual (VmSize)", "resident (VmRSS)", "virtual / thread", "resident / thread", "article (pmap)" },
        };
        table.Add(["0 (baseline)", Units.Bytes(memory.ThreadBaseline.VirtualBytes), Units.Bytes(memory.ThreadBaseline.ResidentBytes), "", "", ""]);
        foreach (MemoryCost c in memory.Threads)
        {
            string article = ArticleFigures.SyncProcessBytesByThreads.TryGetValue(c.Sample.Count, out long a) ? Units.Bytes(a) : "";
            table.Add([c.Sample.Count.ToString(Inv), Units.Bytes(c.Sample.VirtualBytes), Units.Bytes(c.Sample.ResidentBytes), Units.Bytes((long)c.VirtualPerUnit), Units.Bytes((long)c.ResidentPerUnit), article]);
        }

        foreach (MemoryCost c in memory.Pending)
        {
            table.Add([$"{c.Sample.Count.ToString(Inv)} pending async", Units.Bytes(c.Sample.VirtualBytes), Units.Bytes(c.Sample.ResidentBytes), Units.Bytes((long)c.VirtualPerUnit), Units.Bytes((long)c.ResidentPerUnit), c.Sample.Count == 1 ? $"async process {Units.Bytes(ArticleFigures.AsyncProcessBytes)}" : ""]);
        }

        string theory = $"each thread reserves its stack (ulimit -s = {(memory.StackLimitBytes is { } s ? Units.Bytes(s) : "unknown")}) but touches only what it uses; a pending async request is what the async engine keeps per call in flight (its state machines and the call's timer entry)";
        var charts = new List<ExperimentChart> { new("E6: memory added by N blocked threads (log scales): the article's pmap total minus its async process vs our VmSize and VmRSS minus a fresh process with no extra threads", MemoryChart.Render(memory)) };
        return new ExperimentResult("E6", "Memory: what a blocked thread costs", ["concurrency-demo-benchmarks memory --threads " + string.Join(',', options.MemoryThreads) + " --requests " + string.Join(',', options.MemoryRequests)],
            "async 13.7 MB; sync 1 thread 15.8 MB, 10: 34 MB, 100: 220 MB, 1000: 2.1 GB, 10000: 20.7 GB (~2 MB per thread, virtual)",
            ours, theory, close ? Verdict.Matches : Verdict.Differs, why, table, charts, TimeSpan.Zero)
        {
            Rule = "matches when our reserved (virtual) memory per thread is within 25% of the article's ~2 MB",
        };
    }
}
