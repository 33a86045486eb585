using System.Diagnostics;

namespace ConcurrencyDemo.Upstream;

/// <summary>
/// Lets the upstream servers answer when their latency is up, to within a millisecond, without a
/// thread per request: one thread keeps the due times in a heap and completes each wait on time.
/// </summary>
/// <remarks>
/// <c>Task.Delay</c> would hold no thread either, but its timers count whole milliseconds of a coarse
/// tick and then hop through the thread pool, so under load an endpoint configured at 60 ms answered
/// after 61–64 ms. That extra time lands on the client: a blocked caller is held longer, and the sync
/// pool's capacity (threads / hold) drops below what the scenario describes.
/// </remarks>
internal sealed class AnswerScheduler : IDisposable
{
    private readonly object _gate = new(); // a Monitor, for Wait and Pulse
    private readonly PriorityQueue<TaskCompletionSource, long> _due = new();
    private readonly Thread _thread;
    private bool _stopped;

    public AnswerScheduler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "upstream-answers" };
        _thread.Start();
    }

    /// <summary>Completes <paramref name="delay"/> after now (never earlier).</summary>
    public Task WaitAsync(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        // Continuations run on the thread pool, never on the scheduler's own thread.
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long due = Stopwatch.GetTimestamp() + (long)Math.Ceiling(delay.TotalSeconds * Stopwatch.Frequency);
        lock (_gate)
        {
            _due.Enqueue(answer, due);
            if (_due.Peek() == answer)
            {
                Monitor.Pulse(_gate); // a new earliest due time: wake up sooner
            }
        }

        return answer.Task;
    }

    private void Run()
    {
        lock (_gate)
        {
            while (!_stopped)
            {
                if (!_due.TryPeek(out TaskCompletionSource? next, out long due))
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                long now = Stopwatch.GetTimestamp();
                if (due <= now)
                {
                    _due.Dequeue();
                    next.TrySetResult();
                    continue;
                }

                // Rounded up: a wait may end late by under a millisecond, never early.
                int ms = (int)Math.Ceiling((due - now) * 1000.0 / Stopwatch.Frequency);
                Monitor.Wait(_gate, ms);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
    }
}
