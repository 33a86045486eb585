namespace ConcurrencyDemo.Timing;

/// <summary>
/// A blocked thread's wait, one per thread and reused for every call, so a blocking call allocates
/// nothing: with thousands of blocked threads each allocation would claim a fresh allocation quantum
/// per thread and make the garbage collector (which scans every thread's stack) run far more often.
/// </summary>
internal sealed class ThreadDueWait : IDueWait
{
    private const int Waiting = 0;
    private const int Due = 1;
    private const int Cancelled = 2;

    [ThreadStatic]
    private static ThreadDueWait? t_current;

    private readonly object _gate = new(); // a Monitor, for Wait and Pulse
    private int _state;

    /// <summary>The calling thread's own wait.</summary>
    public static ThreadDueWait ForCurrentThread => t_current ??= new ThreadDueWait();

    public bool CompletesOnThreadPool => false;

    /// <summary>Readies the wait for its next use, before it is scheduled.</summary>
    public void Arm()
    {
        lock (_gate)
        {
            _state = Waiting;
        }
    }

    /// <summary>Blocks until the wait is due.</summary>
    /// <exception cref="OperationCanceledException">When it was cancelled instead.</exception>
    public void Wait()
    {
        lock (_gate)
        {
            while (_state == Waiting)
            {
                Monitor.Wait(_gate);
            }

            if (_state == Cancelled)
            {
                throw new OperationCanceledException("the call was abandoned");
            }
        }
    }

    public void Complete() => Finish(Due);

    public void Cancel() => Finish(Cancelled);

    private void Finish(int state)
    {
        lock (_gate)
        {
            if (_state == Waiting)
            {
                _state = state;
                Monitor.Pulse(_gate);
            }
        }
    }
}
