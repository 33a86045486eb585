namespace ConcurrencyDemo.Benchmarks;

/// <summary>
/// A fixed set of started threads that run one body together, on demand. Starting threads inside
/// a benchmark would measure thread creation; these threads are started once and only released.
/// </summary>
internal sealed class ThreadGang : IDisposable
{
    private readonly Barrier _start;
    private readonly Barrier _finish;
    private readonly Thread[] _threads;
    private Action<int> _body = _ => { };
    private volatile bool _stopping;

    public ThreadGang(int count)
    {
        _start = new Barrier(count + 1);
        _finish = new Barrier(count + 1);
        _threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            int index = i;
            _threads[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"gang-{index}" };
            _threads[i].Start();
        }
    }

    public int Count => _threads.Length;

    /// <summary>Runs <paramref name="body"/>(thread index) on every thread at once and waits for all.</summary>
    public void Run(Action<int> body)
    {
        _body = body;
        _start.SignalAndWait();
        _finish.SignalAndWait();
    }

    private void Loop(int index)
    {
        while (true)
        {
            _start.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            _body(index);
            _finish.SignalAndWait();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _start.SignalAndWait();
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        _start.Dispose();
        _finish.Dispose();
    }
}
