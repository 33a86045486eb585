namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// Envoy's consecutive-failure outlier detection (source/common/upstream/outlier_detection_impl.cc),
/// on integer ticks of whichever clock drives it. Not thread-safe: <see cref="EndpointPolicy"/> locks.
/// </summary>
/// <remarks>
/// Ejection runs inline, on the failure that completes the streak; returns run at sweeps every
/// interval from the run's zero. Envoy semantics kept: an endpoint is ejected only if none is, or
/// if one more keeps the ejected share within max%; ejection lasts min(base × multiplier, max time);
/// the multiplier grows with each ejection and shrinks by one at each sweep the endpoint is in
/// service; a success, an ejection and a return all reset the streak. Sweeps are applied lazily, when
/// the clock is next read, which gives the same decisions as a timer: nothing is picked in between.
/// </remarks>
internal sealed class OutlierDetector
{
    private readonly EjectionSettings _settings;
    private readonly int[] _streak;
    private readonly int[] _multiplier;
    private readonly long[] _ejectedAt;
    private readonly long[] _ejectedTicks;
    private readonly int[] _ejections;
    private long _nextSweep;

    public OutlierDetector(EjectionSettings settings, int endpoints)
    {
        _settings = settings;
        _streak = new int[endpoints];
        _multiplier = new int[endpoints];
        _ejectedAt = new long[endpoints];
        _ejectedTicks = new long[endpoints];
        _ejections = new int[endpoints];
        Ejected = new bool[endpoints];
        _nextSweep = settings.Interval.Ticks;
    }

    /// <summary>Which endpoints are out of the balancer now.</summary>
    public bool[] Ejected { get; }

    /// <summary>How many are out.</summary>
    public int EjectedCount { get; private set; }

    /// <summary>Applies every sweep due by <paramref name="nowTicks"/>.</summary>
    public void Advance(long nowTicks)
    {
        while (_nextSweep <= nowTicks)
        {
            Sweep(_nextSweep);
            _nextSweep += _settings.Interval.Ticks;
        }
    }

    /// <summary>Counts a finished call to <paramref name="endpoint"/>.</summary>
    public void Record(int endpoint, bool succeeded, long nowTicks)
    {
        Advance(nowTicks);
        if (succeeded)
        {
            _streak[endpoint] = 0;
            return;
        }

        if (++_streak[endpoint] >= _settings.Consecutive && !Ejected[endpoint] && MayEject())
        {
            Ejected[endpoint] = true;
            EjectedCount++;
            _ejections[endpoint]++;
            _ejectedAt[endpoint] = nowTicks;
            _streak[endpoint] = 0;
            // Envoy caps the multiplier once base × multiplier passes max + base.
            if ((long)_multiplier[endpoint] * _settings.BaseTime.Ticks < _settings.MaxTime.Ticks + _settings.BaseTime.Ticks)
            {
                _multiplier[endpoint]++;
            }
        }
    }

    /// <summary>Times ejected and time out of the balancer of <paramref name="endpoint"/>, up to <paramref name="endTicks"/>.</summary>
    public (int Ejections, TimeSpan TimeEjected) Totals(int endpoint, long endTicks)
    {
        long ticks = _ejectedTicks[endpoint] + (Ejected[endpoint] ? Math.Max(0, endTicks - _ejectedAt[endpoint]) : 0);
        return (_ejections[endpoint], TimeSpan.FromTicks(ticks));
    }

    // Envoy: eject if nobody is out, or if one more stays within max% of the endpoints.
    private bool MayEject() =>
        EjectedCount == 0 || (EjectedCount + 1) * 100.0 / Ejected.Length <= _settings.MaxPercent;

    private void Sweep(long sweepTicks)
    {
        for (int e = 0; e < Ejected.Length; e++)
        {
            if (!Ejected[e])
            {
                if (_multiplier[e] > 0)
                {
                    _multiplier[e]--;
                }

                continue;
            }

            long ejectionTicks = Math.Min(_settings.BaseTime.Ticks * _multiplier[e], _settings.MaxTime.Ticks);
            if (sweepTicks - _ejectedAt[e] >= ejectionTicks)
            {
                Ejected[e] = false;
                EjectedCount--;
                _ejectedTicks[e] += sweepTicks - _ejectedAt[e];
                _streak[e] = 0;
            }
        }
    }
}
