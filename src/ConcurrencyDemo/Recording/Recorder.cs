using HdrHistogram;

namespace ConcurrencyDemo.Recording;

/// <summary>
/// The one streaming sink every engine records into: an HdrHistogram of overhead (µs) for
/// successes, successes per second of completion time, and overhead histograms per second of
/// intended start for the timeline. Memory depends on the run's length in seconds (37 KB per second
/// of load, allocated up front, at most 601 buckets: 22 MB), not on the number of requests, unless
/// asked to keep each success (<see cref="KeepSuccesses"/>: 12 bytes each, at most 24 MB). Thread-safe.
/// </summary>
/// <remarks>
/// Overhead = completion − intended start − the endpoint's latency: what the service itself added
/// (queueing, scheduling, timer granularity). It is measured from the intended start so that a late
/// generator or a full queue shows up instead of being hidden (coordinated omission).
/// </remarks>
public sealed partial class Recorder
{
    /// <summary>Overheads above this (30 days, in µs) are clamped; no simulated run gets near it.</summary>
    internal const long HighestTrackableMicros = 30L * 24 * 3600 * 1_000_000;

    /// <summary>At most this many timeline buckets; very long runs get buckets wider than a second.</summary>
    internal const int MaxTimelineBuckets = 600;

    private readonly Lock _lock = new();
    private readonly LongHistogram _overhead = new(1, HighestTrackableMicros, 3);
    private readonly List<long> _successesPerSecond = [];
    private readonly List<LongHistogram?> _timeline = [];
    private readonly List<(long Min, long Max)> _timelineExtremes = [];
    private readonly long _timelineBucketTicks;
    private long _successes;
    private long _timeouts;
    private long _refused;
    private long _reset;
    private long _otherFailures;
    private long _minMicros = long.MaxValue;
    private long _maxMicros;
    private TimeSpan _lastCompletion;
    private TimeSpan _lastSuccess;
    private long _early;
    private long _maxEarlyTicks;
    private long _responseTicks; // the sum of (completion − intended start) over every answer
    private long _answeredInWindow;

    /// <param name="loadDuration">How long the arrivals span (sets the timeline's bucket width).</param>
    public Recorder(TimeSpan loadDuration)
    {
        long seconds = (long)Math.Ceiling(Math.Max(loadDuration.TotalSeconds, 1));
        long bucketSeconds = Math.Max(1, (seconds + MaxTimelineBuckets - 1) / MaxTimelineBuckets);
        _timelineBucketTicks = bucketSeconds * TimeSpan.TicksPerSecond;

        // Every bucket the load can fill is allocated now, before the run: allocated by the first
        // request of each second, a bucket's fresh memory cost that request's thread 0.15–0.4 ms.
        int buckets = (int)((seconds + bucketSeconds - 1) / bucketSeconds) + 1;
        for (int i = 0; i < buckets; i++)
        {
            _timeline.Add(NewTimelineBucket());
            _timelineExtremes.Add((long.MaxValue, long.MinValue));
        }

        // Completions run past the load by its drain: two minutes of it are covered (the default timeout is 30 s).
        _successesPerSecond.EnsureCapacity((int)Math.Min(seconds + 120, 1 << 20));
    }

    // Two significant digits are plenty for a p50/p90/p99 line and keep each bucket small (37 KB).
    private static LongHistogram NewTimelineBucket() => new(1, HighestTrackableMicros, 2);

    /// <summary>
    /// Called with each request's completion time after it is recorded, on the recording thread: a
    /// closed loop's connection is free from then. Null (the default): nobody is told.
    /// </summary>
    public Action<TimeSpan>? Answered { get; init; }

    /// <summary>A closed loop's <c>--duration</c>: answers that come back by then are counted apart. Null (the default): none.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Requests recorded so far, successes and failures (safe to read from any thread).</summary>
    public long Completed => Volatile.Read(ref _successes) + Failed;

    /// <summary>Failures recorded so far (timeouts and, with the http transport, socket-level failures).</summary>
    public long Failed => Volatile.Read(ref _timeouts) + Volatile.Read(ref _refused) + Volatile.Read(ref _reset) + Volatile.Read(ref _otherFailures);

    /// <summary>Records a call by its outcome: a success measures overhead against <paramref name="latency"/>.</summary>
    public void Record(CallOutcome outcome, TimeSpan intendedStart, TimeSpan completion, TimeSpan latency)
    {
        switch (outcome)
        {
            case CallOutcome.Succeeded:
                RecordSuccess(intendedStart, completion, latency);
                break;
            case CallOutcome.TimedOut:
                RecordTimeout(intendedStart, completion);
                break;
            default:
                RecordFailure(outcome, intendedStart, completion);
                break;
        }
    }

    /// <summary>Records a successful call.</summary>
    /// <param name="intendedStart">When the request was due, since the run's start.</param>
    /// <param name="completion">When it completed, since the run's start.</param>
    /// <param name="latency">The endpoint's latency, subtracted to get the overhead.</param>
    public void RecordSuccess(TimeSpan intendedStart, TimeSpan completion, TimeSpan latency)
    {
        long overheadTicks = (completion - intendedStart - latency).Ticks;
        // A call that came back before its latency had passed: the histogram cannot hold negative
        // time, so it counts as 0 there, and how many and by how much is reported beside it.
        long overheadMicros = Math.Clamp(overheadTicks / 10, 0, HighestTrackableMicros);
        lock (_lock)
        {
            if (overheadTicks < 0)
            {
                _early++;
                _maxEarlyTicks = Math.Max(_maxEarlyTicks, -overheadTicks);
            }

            _overhead.RecordValue(overheadMicros);
            _minMicros = Math.Min(_minMicros, overheadMicros);
            _maxMicros = Math.Max(_maxMicros, overheadMicros);
            CountCompletion(intendedStart, completion);
            if (completion > _lastSuccess)
            {
                _lastSuccess = completion;
            }

            SecondBucket(_successesPerSecond, completion.Ticks / TimeSpan.TicksPerSecond)++;
            RecordTimeline(intendedStart, overheadMicros);
            KeepSuccess(intendedStart, completion, overheadMicros);
            _successes++;
        }

        Answered?.Invoke(completion);
    }

    /// <summary>Records a call that reached the timeout.</summary>
    public void RecordTimeout(TimeSpan intendedStart, TimeSpan completion)
    {
        lock (_lock)
        {
            CountCompletion(intendedStart, completion);
            _timeouts++;
        }

        Answered?.Invoke(completion);
    }

    /// <summary>Records a socket-level failure other than a timeout (refused, reset, other).</summary>
    private void RecordFailure(CallOutcome outcome, TimeSpan intendedStart, TimeSpan completion)
    {
        lock (_lock)
        {
            CountCompletion(intendedStart, completion);
            switch (outcome)
            {
                case CallOutcome.Refused:
                    _refused++;
                    break;
                case CallOutcome.Reset:
                    _reset++;
                    break;
                default:
                    _otherFailures++;
                    break;
            }
        }

        Answered?.Invoke(completion);
    }

    private void CountCompletion(TimeSpan intendedStart, TimeSpan completion)
    {
        _responseTicks += (completion - intendedStart).Ticks;
        if (completion <= Window)
        {
            _answeredInWindow++;
        }

        if (completion > _lastCompletion)
        {
            _lastCompletion = completion;
        }
    }

    private static ref long SecondBucket(List<long> buckets, long second)
    {
        while (buckets.Count <= second)
        {
            buckets.Add(0);
        }

        return ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buckets)[(int)second];
    }

    private void RecordTimeline(TimeSpan intendedStart, long overheadMicros)
    {
        int bucket = (int)(Math.Max(0, intendedStart.Ticks) / _timelineBucketTicks);
        while (_timeline.Count <= bucket)
        {
            _timeline.Add(null);
            _timelineExtremes.Add((long.MaxValue, long.MinValue));
        }

        (_timeline[bucket] ??= NewTimelineBucket()).RecordValue(overheadMicros);
        (long min, long max) = _timelineExtremes[bucket];
        _timelineExtremes[bucket] = (Math.Min(min, overheadMicros), Math.Max(max, overheadMicros));
    }
}
