using ConcurrencyDemo.Recording;

namespace ConcurrencyDemo.Tests.Recording;

public sealed class ProcessStatusTests
{
    /// <summary>
    /// A run samples its own memory and threads ten times a second: reading /proc/self/status line by
    /// line allocated about 10 KB each time, 1 MiB over a 10 s run, and that garbage brought a gen0
    /// collection (3.6 ms with every thread paused) into E1's sync run.
    /// </summary>
    [Fact]
    public void Read_AllocatesNothing()
    {
        ProcessStatus.Read(); // compiles it

        long before = GC.GetAllocatedBytesForCurrentThread();
        ProcessStatus status = default;
        for (int i = 0; i < 10; i++)
        {
            status = ProcessStatus.Read();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated == 0, $"10 reads allocated {allocated} bytes");
        Assert.True(status.ResidentBytes > 0 && status.PeakResidentBytes >= status.ResidentBytes, $"{status}");
        Assert.True(status.VirtualBytes >= status.ResidentBytes && status.Threads >= 1, $"{status}");
    }

    [Fact]
    public void Read_AgreesWithTheProcessClass()
    {
        ProcessStatus status = ProcessStatus.Read();
        using var self = System.Diagnostics.Process.GetCurrentProcess();

        Assert.InRange(status.Threads, 1, 10_000);
        // Both read the kernel's figures; resident memory moves a little between the two reads.
        Assert.InRange(status.ResidentBytes, self.WorkingSet64 / 2, self.WorkingSet64 * 2);
        Assert.Equal(self.VirtualMemorySize64 / (1 << 20), status.VirtualBytes / (1 << 20), tolerance: 64);
    }
}
