using System.Diagnostics;
using HdrHistogram;

namespace ConcurrencyDemo.Timing;

/// <summary>Records how late waits ended (in µs, HdrHistogram, 3 significant digits). Thread-safe.</summary>
internal sealed class LatenessRecorder
{
    private const long HighestMicros = 3_600_000_000; // an hour: anything later is clamped

    private readonly Lock _lock = new();
    private readonly LongHistogram _micros = new(1, HighestMicros, 3);
    private long _maxMicros;
    private long _early;

    /// <summary>Records a wait due at <paramref name="dueTimestamp"/> that ended at <paramref name="endTimestamp"/> (<see cref="Stopwatch"/> ticks).</summary>
    public void Record(long dueTimestamp, long endTimestamp) =>
        RecordMicros((long)((endTimestamp - dueTimestamp) * (1_000_000.0 / Stopwatch.Frequency)));

    /// <summary>Records a lateness of <paramref name="micros"/> µs (negative: the wait ended early).</summary>
    public void RecordMicros(long micros)
    {
        lock (_lock)
        {
            if (micros < 0)
            {
                _early++;
                micros = 0;
            }

            micros = Math.Min(micros, HighestMicros);
            _micros.RecordValue(micros);
            _maxMicros = Math.Max(_maxMicros, micros);
        }
    }

    /// <summary>The percentiles so far; no percentile above the exact maximum.</summary>
    public LatenessSummary Summary()
    {
        lock (_lock)
        {
            long count = _micros.TotalCount;
            double Percentile(double p) => count == 0 ? 0 : Math.Min(_micros.GetValueAtPercentile(p), _maxMicros) / 1000.0;
            return new LatenessSummary(count, Percentile(50), Percentile(99), Percentile(99.9), _maxMicros / 1000.0, _early);
        }
    }
}
