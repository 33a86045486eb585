using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The sync pool's one shared FIFO queue: the pacer adds, blocked workers take. A request that finds a
/// parked worker goes straight to it; otherwise it waits in line for the first worker to come free.
/// </summary>
/// <remarks>
/// Not <c>BlockingCollection</c>: its cancellable Take creates a linked <c>CancellationTokenSource</c>
/// every time it must wait (with thousands of workers each such allocation claims a fresh allocation
/// quantum per thread, and the garbage collector, which scans every stack, runs far more often), and
/// all its waiters share one monitor, whose wait list the runtime walks on every wait: with 5000
/// workers that walk alone cost more than serving the request. Here each worker parks on its own
/// monitor (<see cref="ParkedWorker"/>) and taking allocates nothing.
/// </remarks>
internal sealed class RequestQueue
{
    private readonly Lock _lock = new();
    private readonly Queue<Request> _items = new();
    private readonly Stack<ParkedWorker> _parked = new();
    private bool _addingCompleted;
    private bool _stopped;
    private int _parkedCount;

    /// <summary>Workers parked in <see cref="TryTake"/>, waiting for a request.</summary>
    public int Waiting => Volatile.Read(ref _parkedCount);

    /// <summary>Adds a request: to a parked worker if there is one, else to the end of the line.</summary>
    public void Add(Request request)
    {
        ParkedWorker? worker;
        lock (_lock)
        {
            if (!_parked.TryPop(out worker))
            {
                _items.Enqueue(request);
                return;
            }

            Volatile.Write(ref _parkedCount, _parked.Count);
        }

        worker.Give(request);
    }

    /// <summary>No more requests will come: workers end once the line is empty.</summary>
    public void CompleteAdding() => Close(stop: false);

    /// <summary>Workers end now; requests still in line stay unserved (an interrupted run).</summary>
    public void Stop() => Close(stop: true);

    /// <summary>Takes the next request, parking <paramref name="self"/> until one comes; false once stopped, or completed and empty.</summary>
    public bool TryTake(ParkedWorker self, out Request request)
    {
        lock (_lock)
        {
            if (!_stopped && _items.TryDequeue(out request))
            {
                return true;
            }

            if (_stopped || _addingCompleted)
            {
                request = default;
                return false;
            }

            self.Arm();
            _parked.Push(self);
            Volatile.Write(ref _parkedCount, _parked.Count);
        }

        return self.Wait(out request);
    }

    private void Close(bool stop)
    {
        ParkedWorker[] parked;
        lock (_lock)
        {
            _addingCompleted = true;
            _stopped |= stop;
            parked = [.. _parked];
            _parked.Clear();
            Volatile.Write(ref _parkedCount, 0);
        }

        foreach (ParkedWorker worker in parked)
        {
            worker.Close();
        }
    }
}
