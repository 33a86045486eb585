using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// A sync worker parked on its own monitor until <see cref="RequestQueue"/> hands it a request or
/// closes: waking one worker then costs the same whether 5 or 5000 are parked.
/// </summary>
internal sealed class ParkedWorker
{
    private readonly object _gate = new(); // a Monitor, for Wait and Pulse
    private Request _request;
    private bool _given;
    private bool _closed;

    /// <summary>Readies the worker before it parks.</summary>
    public void Arm()
    {
        lock (_gate)
        {
            _given = false;
            _closed = false;
        }
    }

    /// <summary>Hands the parked worker its next request and wakes it.</summary>
    public void Give(Request request)
    {
        lock (_gate)
        {
            _request = request;
            _given = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Wakes the parked worker with nothing: the queue is completed or stopped.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Blocks until <see cref="Give"/> (true, with the request) or <see cref="Close"/> (false).</summary>
    public bool Wait(out Request request)
    {
        lock (_gate)
        {
            while (!_given && !_closed)
            {
                Monitor.Wait(_gate);
            }

            request = _request;
            return _given;
        }
    }
}
