using ConcurrencyDemo.Engines;

namespace ConcurrencyDemo.Locking;

/// <summary>
/// The slow output stream: every write blocks its caller for the current write latency. Like a
/// real stream it is not thread-safe, and it checks that: two writers at once is a bug, not a result.
/// What it records is safe because writes never overlap.
/// </summary>
internal sealed class SlowSink
{
    private readonly LockingOptions _options;
    private readonly RunClock _clock;
    private readonly RunGeometry _geometry;
    private int _inUse;
    private long _written;

    public SlowSink(LockingOptions options, RunClock clock, RunGeometry geometry)
    {
        _options = options;
        _clock = clock;
        _geometry = geometry;
        WrittenPerBucket = new long[geometry.BucketCount];
        WrittenPerPhase = new long[geometry.Phases.Count];
        Delay = geometry.Phases.Select(_ => new DurationHistogram()).ToArray();
    }

    public long[] WrittenPerBucket { get; }

    public long[] WrittenPerPhase { get; }

    /// <summary>Per phase of the write: time from an event being ready to its write completing.</summary>
    public DurationHistogram[] Delay { get; }

    public long Written => Volatile.Read(ref _written);

    public void Write(SinkEvent sinkEvent)
    {
        if (Interlocked.Exchange(ref _inUse, 1) != 0)
        {
            throw new InvalidOperationException("The sink was written by two threads at once.");
        }

        try
        {
            BlockingSleep.AtLeast(_options.WriteLatencyAt(_clock.Elapsed));
            TimeSpan done = _clock.Elapsed;
            Volatile.Write(ref _written, _written + 1);
            int phase = _geometry.PhaseOf(done);
            if (phase >= 0)
            {
                WrittenPerPhase[phase]++;
                WrittenPerBucket[_geometry.BucketOf(done)]++;
                Delay[phase].Record(done - sinkEvent.ProducedAt);
            }
        }
        finally
        {
            Volatile.Write(ref _inUse, 0);
        }
    }
}
