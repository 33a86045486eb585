namespace ConcurrencyDemo.Timing;

/// <summary>A wait kept by <see cref="DueTimeScheduler"/> until it is due.</summary>
internal interface IDueWait
{
    /// <summary>True: completed on the thread pool with the others due at the same time; false: completed by the scheduler's thread.</summary>
    bool CompletesOnThreadPool { get; }

    /// <summary>The wait is due: its waiter goes on.</summary>
    void Complete();

    /// <summary>The wait was abandoned: its waiter gets an <see cref="OperationCanceledException"/>.</summary>
    void Cancel();
}
