using System.Globalization;

namespace ConcurrencyDemo.Scenarios;

/// <summary>The <see cref="EngineKind.ThreadPool"/> options.</summary>
public sealed partial class ScenarioBuilder
{
    /// <summary>threadpool: how work items block. Null: <see cref="BlockKind.Result"/>.</summary>
    public BlockKind? Block { get; set; }

    /// <summary>threadpool: the pool's minimum worker threads, as text. Null: the core count.</summary>
    public string? PoolMinThreads { get; set; }

    /// <summary>threadpool: the pool's maximum worker threads, as text. Null: .NET's maximum.</summary>
    public string? PoolMaxThreads { get; set; }

    /// <summary>The core count the default minimum follows (.NET's own default); settable for tests.</summary>
    public int ProcessorCount { get; set; } = Environment.ProcessorCount;

    private ThreadPoolSettings? ParsePool(List<string> problems)
    {
        if (Engine != EngineKind.ThreadPool)
        {
            return null;
        }

        if (CpuPerRequest is not null || DispatchCost is not null || Cores is not null)
        {
            // Refused rather than ignored: the pool's model has no CPU stage or queue hand-off cost.
            problems.Add("threadpool: --cpu-per-request, --cores and --dispatch-cost are not modelled in this mode — expected none of them with threadpool: drop them, or use sync or async to model the machine, e.g. --cpu-per-request 1ms async");
        }

        int max = ThreadPoolSettings.MaxPossibleThreads;
        const int top = ThreadPoolSettings.MaxPossibleThreads;
        // .NET's PortableThreadPool refuses a minimum above the maximum, and a maximum above short.MaxValue is clamped.
        int? givenMax = ParsePoolCount(PoolMaxThreads, "--max-threads", problems);
        int? givenMin = ParsePoolCount(PoolMinThreads, "--min-threads", problems);
        if (givenMax is int m)
        {
            max = m;
        }

        int min = givenMin ?? Math.Min(ProcessorCount, max);
        if (givenMin is int n && givenMax is int x && n > x)
        {
            problems.Add($"--min-threads: {n} is above --max-threads {x} — .NET refuses a minimum above the maximum; expected 1 ≤ --min-threads ≤ --max-threads ≤ {top}, e.g. --min-threads 2 --max-threads 100");
        }

        return new ThreadPoolSettings(Block ?? BlockKind.Result, min, max, ProcessorCount);
    }

    private static int? ParsePoolCount(string? text, string option, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        const int top = ThreadPoolSettings.MaxPossibleThreads;
        string form = $"a whole number of threads from 1 to {top} (.NET's pool limits), e.g. {option} 50";
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            problems.Add($"{option}: \"{text}\" is not a whole number — expected {form}");
            return null;
        }

        if (value < 1 || value > top)
        {
            problems.Add($"{option}: {text} is outside the range .NET accepts — expected {form}");
            return null;
        }

        return (int)value;
    }
}
