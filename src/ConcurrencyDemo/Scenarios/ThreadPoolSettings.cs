namespace ConcurrencyDemo.Scenarios;

/// <summary>How a <see cref="EngineKind.ThreadPool"/> run blocks, and the pool limits it sets for its duration.</summary>
/// <param name="Block">How each work item blocks. Default <see cref="BlockKind.Result"/>.</param>
/// <param name="MinThreads">The pool's minimum worker threads (threads it creates without delay). Default: the core count, as .NET's.</param>
/// <param name="MaxThreads">The pool's maximum worker threads. Default: .NET's, 32767 on 64-bit.</param>
/// <param name="ProcessorCount">Cores the pool's injection policy scales with (the virtual model uses it; the real pool reads the machine's).</param>
public sealed record ThreadPoolSettings(BlockKind Block, int MinThreads, int MaxThreads, int ProcessorCount)
{
    /// <summary>The most worker threads .NET's pool accepts (PortableThreadPool.MaxPossibleThreadCount = short.MaxValue).</summary>
    public const int MaxPossibleThreads = short.MaxValue;

    /// <summary>
    /// How long a <see cref="BlockKind.Poll"/> work item sleeps between looks at its call: 10 ms, the
    /// tutorial app's <c>while (!dbTask.IsCompleted) Thread.Sleep(10);</c> (dotnet/samples,
    /// core/diagnostics/DiagnosticScenarios/Controllers/DiagnosticScenarios.cs, TaskSleepWait).
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
}
