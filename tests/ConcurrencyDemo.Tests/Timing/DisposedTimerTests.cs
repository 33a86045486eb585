using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Tests.Timing;

/// <summary>
/// A disposed precise timer never writes to a file descriptor again. Its wake-ups are 8-byte writes
/// to an eventfd; once closed, the kernel gives that number to the next file or socket the process
/// opens. Found by trial: a run's warm-up timer, disposed, still woke on the run's Ctrl+C and wrote
/// its 8 bytes into an http connection that had taken its descriptor ("invalid status line").
/// </summary>
[Collection(RealClockCollection.Name)]
public sealed class DisposedTimerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cdb-fd-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PacerCancelledAfterTheTimerIsDisposed_WritesToNoDescriptor()
    {
        using var interrupt = new CancellationTokenSource();
        RunTimer timer = RunTimer.For(TimerKind.Precise, TimeProvider.System);
        // A short sleep with a cancellable token, as the pacer sleeps: it hooks the token once.
        timer.SleepUntil(timer.GetTimestamp() + timer.ToTimestampTicks(TimeSpan.FromMicroseconds(200)), interrupt.Token);
        timer.Dispose();

        // New files take the lowest free descriptors: the ones the timer just closed.
        List<FileStream> files = OpenFiles(4);
        interrupt.Cancel();

        Assert.All(files, file => Assert.Equal(0, new FileInfo(file.Name).Length));
        files.ForEach(file => file.Dispose());
    }

    [Fact]
    public void WaitScheduledAfterTheSchedulerIsDisposed_WritesToNoDescriptor()
    {
        var scheduler = new DueTimeScheduler("test-timer");
        // Sleeping towards a far due time: an earlier one wakes it by writing its eventfd.
        _ = scheduler.After(TimeSpan.FromHours(1));
        Thread.Sleep(50);
        scheduler.Dispose();

        List<FileStream> files = OpenFiles(4);
        _ = scheduler.After(TimeSpan.FromMilliseconds(1));

        Assert.All(files, file => Assert.Equal(0, new FileInfo(file.Name).Length));
        files.ForEach(file => file.Dispose());
    }

    private List<FileStream> OpenFiles(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new FileStream(Path.Combine(_folder, $"f{i}"), FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 1))];
}
