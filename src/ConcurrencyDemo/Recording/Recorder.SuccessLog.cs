using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Recording;

public sealed partial class Recorder
{
    /// <summary>At most this many successes are kept one by one (12 bytes each: 24 MB); a longer run keeps none.</summary>
    internal const int MaxKeptSuccesses = 2_000_000;

    private float[]? _keptStartS;
    private float[]? _keptEndS;
    private float[]? _keptOverheadMs;
    private int _kept;
    private long _notKept;

    /// <summary>
    /// From now on keeps each success's intended start, completion and overhead, for <see cref="OverheadOutside"/>;
    /// room for <paramref name="expected"/> of them, allocated and written now, before the run's zero
    /// (fresh memory touched during a run cost the touching thread 0.15–0.4 ms here). Nothing is kept
    /// beyond <see cref="MaxKeptSuccesses"/>.
    /// </summary>
    internal void KeepSuccesses(long expected)
    {
        if (expected is <= 0 or > MaxKeptSuccesses)
        {
            return;
        }

        lock (_lock)
        {
            (_keptStartS, _keptEndS, _keptOverheadMs) = (Touched((int)expected), Touched((int)expected), Touched((int)expected));
        }

        static float[] Touched(int length)
        {
            var array = new float[length];
            array.AsSpan().Fill(-1); // written, so its pages are the process's before the run
            return array;
        }
    }

    // Called under _lock.
    private void KeepSuccess(TimeSpan intendedStart, TimeSpan completion, long overheadMicros)
    {
        if (_keptStartS is null)
        {
            return;
        }

        if (_kept == _keptStartS.Length)
        {
            _notKept++;
            return;
        }

        _keptStartS[_kept] = (float)intendedStart.TotalSeconds;
        _keptEndS![_kept] = (float)completion.TotalSeconds;
        _keptOverheadMs![_kept] = overheadMicros / 1000f;
        _kept++;
    }

    /// <summary>
    /// The overhead of the successes whose time (intended start to completion) overlaps none of
    /// <paramref name="windows"/> (times since the run's zero); null when successes were not kept
    /// (<see cref="KeepSuccesses"/> not called, or more of them than it had room for).
    /// </summary>
    public OverheadWithoutStalls? OverheadOutside(IReadOnlyList<(TimeSpan From, TimeSpan To)> windows)
    {
        lock (_lock)
        {
            if (_keptStartS is null || _notKept > 0)
            {
                return null;
            }

            var sorted = windows.Select(w => ((float)w.From.TotalSeconds, (float)w.To.TotalSeconds)).OrderBy(w => w.Item1).ToArray();
            var overhead = new LatenessRecorder();
            long leftOut = 0;
            for (int i = 0; i < _kept; i++)
            {
                if (Overlaps(sorted, _keptStartS[i], _keptEndS![i]))
                {
                    leftOut++;
                    continue;
                }

                overhead.RecordMicros((long)Math.Round(_keptOverheadMs![i] * 1000.0));
            }

            return new OverheadWithoutStalls(overhead.Summary(), leftOut);
        }
    }

    // Windows sorted by start; few of them (at most a few hundred stalls), so a scan is enough.
    private static bool Overlaps((float From, float To)[] windows, float start, float end)
    {
        foreach ((float from, float to) in windows)
        {
            if (from > end)
            {
                return false;
            }

            if (to >= start)
            {
                return true;
            }
        }

        return false;
    }
}
