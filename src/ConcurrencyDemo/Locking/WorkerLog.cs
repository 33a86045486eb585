namespace ConcurrencyDemo.Locking;

/// <summary>
/// What one worker did, written only by that worker (no sharing, so recording does not add
/// contention of its own): time per state per bucket and per phase, hand-offs and their durations.
/// </summary>
internal sealed class WorkerLog
{
    private readonly RunGeometry _geometry;

    public WorkerLog(RunGeometry geometry)
    {
        _geometry = geometry;
        int states = Enum.GetValues<WorkerState>().Length;
        BucketTicks = new long[states][];
        PhaseTicks = new long[states][];
        for (int s = 0; s < states; s++)
        {
            BucketTicks[s] = new long[geometry.BucketCount];
            PhaseTicks[s] = new long[geometry.Phases.Count];
        }

        HandedOffPerBucket = new long[geometry.BucketCount];
        HandedOffPerPhase = new long[geometry.Phases.Count];
        HandOff = geometry.Phases.Select(_ => new DurationHistogram()).ToArray();
    }

    /// <summary>[state][bucket] ticks spent.</summary>
    public long[][] BucketTicks { get; }

    /// <summary>[state][phase] ticks spent.</summary>
    public long[][] PhaseTicks { get; }

    public long[] HandedOffPerBucket { get; }

    public long[] HandedOffPerPhase { get; }

    /// <summary>Per phase: how long handing one event off took (from ready to free to produce the next).</summary>
    public DurationHistogram[] HandOff { get; }

    public long HandedOff { get; private set; }

    public void Spent(WorkerState state, TimeSpan from, TimeSpan to) =>
        _geometry.Spread(from, to, BucketTicks[(int)state], PhaseTicks[(int)state]);

    /// <summary>An event handed off: ready at <paramref name="ready"/>, the worker free again at <paramref name="done"/>.</summary>
    public void HandedOffEvent(TimeSpan ready, TimeSpan done)
    {
        HandedOff++;
        int phase = _geometry.PhaseOf(ready);
        if (phase >= 0)
        {
            HandOff[phase].Record(done - ready);
        }

        int donePhase = _geometry.PhaseOf(done);
        if (donePhase >= 0)
        {
            HandedOffPerPhase[donePhase]++;
            HandedOffPerBucket[_geometry.BucketOf(done)]++;
        }
    }
}
