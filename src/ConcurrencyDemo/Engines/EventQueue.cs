namespace ConcurrencyDemo.Engines;

/// <summary>
/// Events in priority order (lowest first), for a discrete-event simulation; events of equal priority
/// come out in the order they were added.
/// </summary>
/// <remarks>
/// A simulation schedules most events a fixed delay after the moment it handles: every call to a
/// 20 ms endpoint ends 20 ms after it starts, every hedge falls due 50 ms after its attempt, and the
/// simulation's clock only moves forward. Events of one delay therefore fall due in the order they are
/// added, and a first-in-first-out lane keeps them in order at no cost: the caller names the lane (the
/// delay), and the next event is the earliest of the lanes' heads. An event that would not keep its
/// lane in order (a delay drawn from a distribution, once every lane is taken) goes to a heap.
/// With hedging and a 1 s timeout tens of thousands of events wait at once (abandoned calls and hedges
/// no longer due stay until they fall due), and sifting them through one heap was most of the run's time.
/// </remarks>
internal sealed class EventQueue<TEvent>
    where TEvent : struct
{
    // A run schedules at few delays: one per endpoint latency (or the timeout), the hedge delay, a start's hand-off.
    private const int MaxLanes = 8;
    private const int Others = -1;
    private const int NotKnown = -2;

    private readonly Queue<Entry>[] _lanes = new Queue<Entry>[MaxLanes];
    private readonly long[] _laneKeys = new long[MaxLanes];
    private readonly long[] _lastPriority = new long[MaxLanes];
    private readonly PriorityQueue<Entry, (long Priority, long Sequence)> _others = new();
    private int _laneCount;
    private long _sequence;
    private int _next = NotKnown; // the lane holding the next event, Others for the heap

    /// <summary>Events waiting.</summary>
    public int Count { get; private set; }

    /// <summary>The priority of the next event, if any.</summary>
    public bool TryPeek(out long priority)
    {
        if (Count == 0)
        {
            priority = 0;
            return false;
        }

        priority = Head(Next()).Priority;
        return true;
    }

    /// <summary>
    /// Adds <paramref name="e"/> at <paramref name="priority"/>. <paramref name="lane"/> names the events that
    /// fall due in the order they are added (e.g. the delay after the moment the caller handles); a wrong
    /// lane costs speed, never order.
    /// </summary>
    public void Enqueue(in TEvent e, long priority, long lane)
    {
        var entry = new Entry(priority, _sequence++, e);
        Queue<Entry>? queue = LaneFor(lane, priority);
        if (queue is not null)
        {
            queue.Enqueue(entry);
        }
        else
        {
            _others.Enqueue(entry, (priority, entry.Sequence));
        }

        Count++;
        // The new event is the next one only if it comes before the one known to be next.
        if (_next != NotKnown && Before(entry, Head(_next)))
        {
            _next = NotKnown;
        }
    }

    /// <summary>Takes the next event and its priority; the queue must not be empty.</summary>
    public TEvent Dequeue(out long priority)
    {
        int next = Next();
        Entry entry = next == Others ? _others.Dequeue() : _lanes[next].Dequeue();
        _next = NotKnown;
        Count--;
        priority = entry.Priority;
        return entry.Event;
    }

    private static bool Before(in Entry a, in Entry b) =>
        a.Priority < b.Priority || (a.Priority == b.Priority && a.Sequence < b.Sequence);

    // The lane keyed `lane` if the event keeps it in order; else a lane taken for that key (a new one,
    // or an empty one given up by its key); else null: the heap.
    private Queue<Entry>? LaneFor(long lane, long priority)
    {
        int empty = -1;
        for (int i = 0; i < _laneCount; i++)
        {
            Queue<Entry> queue = _lanes[i];
            if (_laneKeys[i] == lane)
            {
                return queue.Count == 0 || LastPriority(i) <= priority ? Claim(i, lane, priority) : null;
            }

            if (empty < 0 && queue.Count == 0)
            {
                empty = i;
            }
        }

        if (_laneCount < MaxLanes)
        {
            _lanes[_laneCount] = new Queue<Entry>();
            return Claim(_laneCount++, lane, priority);
        }

        return empty >= 0 ? Claim(empty, lane, priority) : null;
    }

    private long LastPriority(int lane) => _lastPriority[lane];

    private Queue<Entry> Claim(int lane, long key, long priority)
    {
        _laneKeys[lane] = key;
        _lastPriority[lane] = priority;
        return _lanes[lane];
    }

    private Entry Head(int source) => source == Others ? _others.Peek() : _lanes[source].Peek();

    private int Next()
    {
        if (_next != NotKnown)
        {
            return _next;
        }

        int best = NotKnown;
        Entry bestEntry = default;
        if (_others.TryPeek(out Entry top, out _))
        {
            best = Others;
            bestEntry = top;
        }

        for (int i = 0; i < _laneCount; i++)
        {
            if (_lanes[i].TryPeek(out Entry head) && (best == NotKnown || Before(head, bestEntry)))
            {
                best = i;
                bestEntry = head;
            }
        }

        _next = best;
        return best;
    }

    private readonly record struct Entry(long Priority, long Sequence, TEvent Event);
}
