using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Workload;

/// <summary>
/// The open-loop arrival schedule: request i is due at i / rate (or after exponential gaps for
/// Poisson arrivals) and goes to endpoint i mod count. Arrivals never wait for completions.
/// </summary>
/// <remarks>
/// Times are integer ticks computed from i directly (not accumulated), so a long run never drifts.
/// Requests are produced in order, one at a time, so a run of any length needs no memory for them.
/// </remarks>
public sealed class ArrivalSchedule
{
    private readonly Scenario _scenario;
    private readonly Random? _random;
    private long _next;
    private long _poissonTicks;

    public ArrivalSchedule(Scenario scenario)
    {
        _scenario = scenario;
        _random = scenario.Arrivals == ArrivalPattern.Poisson ? new Random(scenario.Seed) : null;
        Upstream = new UpstreamSchedule(scenario);
    }

    /// <summary>What each request's calls take when they go out: engines ask it at call time.</summary>
    public UpstreamSchedule Upstream { get; }

    /// <summary>How many requests the schedule holds in all.</summary>
    public long Count => _scenario.RequestCount;

    /// <summary>How many requests <see cref="TryNext"/> has handed out.</summary>
    public long Issued => Volatile.Read(ref _next);

    /// <summary>The next request's due time, or null when all have been issued.</summary>
    public TimeSpan? PeekDue => _next < _scenario.RequestCount ? DueTime(_next) : null;

    /// <summary>Hands out the next request in order.</summary>
    public bool TryNext(out Request request)
    {
        if (_next >= _scenario.RequestCount)
        {
            request = default;
            return false;
        }

        long i = _next;
        TimeSpan due = DueTime(i);
        if (_random is not null)
        {
            // Draw the gap to the following request now, so PeekDue stays a pure read.
            double gapSeconds = -Math.Log(1.0 - _random.NextDouble()) / _scenario.RatePerSecond;
            _poissonTicks += (long)Math.Round(gapSeconds * TimeSpan.TicksPerSecond);
        }

        int endpoint = (int)(i % _scenario.EndpointLatencies.Count);
        request = new Request(i, due, endpoint, _scenario.EndpointLatencies[endpoint]);
        _next++;
        return true;
    }

    private TimeSpan DueTime(long i)
    {
        if (_random is not null)
        {
            return TimeSpan.FromTicks(_poissonTicks);
        }

        // i / rate seconds, computed from i each time: no accumulated rounding error.
        return TimeSpan.FromTicks((long)Math.Round(i * (double)TimeSpan.TicksPerSecond / _scenario.RatePerSecond));
    }
}
