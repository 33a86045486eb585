using System.Runtime.CompilerServices;

namespace ConcurrencyDemo.Tests;

internal static class TestAssemblySetup
{
    /// <summary>
    /// xunit blocks thread-pool threads while tests run; with the pool's default minimum of one thread
    /// per core (2 here), the async engine's first real-clock run then waits up to a second for the
    /// pool to grow, which shows up as overhead. The command-line tool does not block pool threads.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseThreadPoolMinimum()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
    }
}
