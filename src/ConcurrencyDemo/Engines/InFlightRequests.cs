using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The requests a <see cref="VirtualPolicyCalls"/> has between their start and their answer, in slots
/// reused once answered. A slot's generation changes when it is freed, so an event that names an old
/// generation (a call abandoned when the other answered) is recognised and ignored.
/// </summary>
internal sealed class InFlightRequests
{
    private Entry[] _entries = new Entry[64];
    private int[] _generations = new int[64];
    private readonly Stack<int> _free = new();
    private int _used;

    /// <summary>One request in flight.</summary>
    internal struct Entry
    {
        public Request Request;
        public int CallsOut;
        public int Retries;
        public bool Hedged;
        public int FirstEndpoint;
        public int LastEndpoint;
    }

    public ref Entry this[int slot] => ref _entries[slot];

    public int Generation(int slot) => _generations[slot];

    public bool IsCurrent(int slot, int generation) => _generations[slot] == generation;

    /// <summary>A slot for <paramref name="request"/>, reused when one is free.</summary>
    public int Add(Request request)
    {
        if (!_free.TryPop(out int slot))
        {
            if (_used == _entries.Length)
            {
                Array.Resize(ref _entries, _used * 2);
                Array.Resize(ref _generations, _used * 2);
            }

            slot = _used++;
        }

        _entries[slot] = new Entry { Request = request, FirstEndpoint = -1, LastEndpoint = -1 };
        return slot;
    }

    /// <summary>Frees <paramref name="slot"/>: events still naming it are from now on out of date.</summary>
    public void Remove(int slot)
    {
        _generations[slot]++;
        _free.Push(slot);
    }
}
