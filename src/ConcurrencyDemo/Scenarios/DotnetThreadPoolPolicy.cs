namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// The constants of .NET's thread injection, from dotnet/runtime's
/// src/libraries/System.Private.CoreLib/src/System/Threading/ (defaults, no runtimeconfig overrides).
/// The virtual-clock model and the theory both read them from here.
/// </summary>
public static class DotnetThreadPoolPolicy
{
    /// <summary>PortableThreadPool.GateThread.cs: GateActivitiesPeriodMs = 500, how often starvation detection runs.</summary>
    public static readonly TimeSpan GateActivitiesPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>PortableThreadPool.Blocking.cs, BlockingConfig.DelayStepMs default 25: the delay step before each thread added for blocking.</summary>
    public const int DelayStepMs = 25;

    /// <summary>PortableThreadPool.Blocking.cs, BlockingConfig.MaxDelayMs default 250 (capped at GateActivitiesPeriodMs).</summary>
    public const int MaxDelayMs = 250;

    /// <summary>
    /// PortableThreadPool.Blocking.cs: ThreadsToAddWithoutDelay = ThreadsPerDelayStep = core count × 1
    /// (ThreadsToAddWithoutDelay_ProcCountFactor, ThreadsPerDelayStep_ProcCountFactor default 1).
    /// </summary>
    public static int ThreadsToAddWithoutDelay(int processorCount) => processorCount;

    /// <summary>
    /// The delay before the blocking adjustment adds a thread beyond goal <paramref name="goal"/>
    /// (PerformBlockingAdjustment: (1 + (goal − (min + ThreadsToAddWithoutDelay)) / ThreadsPerDelayStep) × DelayStepMs, at most MaxDelayMs).
    /// </summary>
    public static TimeSpan BlockingDelay(int goal, int withoutDelay, int processorCount)
    {
        int steps = 1 + ((goal - withoutDelay) / Math.Max(1, processorCount));
        return TimeSpan.FromMilliseconds(Math.Min(steps * DelayStepMs, MaxDelayMs));
    }
}
