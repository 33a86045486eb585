namespace ConcurrencyDemo.Workload;

/// <summary>
/// Endpoints that serve at most <c>capacity</c> calls at once (<c>--upstream-capacity</c>): a call that
/// finds every slot busy waits at the endpoint, first come first served, and its answer comes after the
/// wait plus its latency. A call its caller gave up on (timed out) is still served to the end: the
/// endpoint does not know, and that wasted work is what lets retries keep an endpoint overloaded
/// (the metastable failures of Bronson et al., HotOS 2021).
/// </summary>
/// <remarks>
/// Per endpoint a min-heap of when each slot is free. Thread-safe (one lock): the real-clock engines
/// call it from many threads, each with the time its call went out; the virtual clock calls it in
/// time order.
/// </remarks>
internal sealed class UpstreamQueues
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<int, long>[] _slotsFreeAt;

    public UpstreamQueues(int endpoints, int capacity)
    {
        _slotsFreeAt = new PriorityQueue<int, long>[endpoints];
        for (int e = 0; e < endpoints; e++)
        {
            var slots = new PriorityQueue<int, long>(capacity);
            for (int s = 0; s < capacity; s++)
            {
                slots.Enqueue(s, 0);
            }

            _slotsFreeAt[e] = slots;
        }
    }

    /// <summary>
    /// When a call that reaches <paramref name="endpoint"/> at <paramref name="arrival"/> and needs
    /// <paramref name="service"/> of it gets its answer, as time after its arrival: the wait for a free
    /// slot plus the service.
    /// </summary>
    public TimeSpan AnswerAfter(int endpoint, TimeSpan arrival, TimeSpan service)
    {
        lock (_lock)
        {
            PriorityQueue<int, long> slots = _slotsFreeAt[endpoint];
            slots.TryDequeue(out int slot, out long freeAt);
            long start = Math.Max(arrival.Ticks, freeAt);
            long end = start + service.Ticks;
            slots.Enqueue(slot, end);
            return TimeSpan.FromTicks(end - arrival.Ticks);
        }
    }
}
