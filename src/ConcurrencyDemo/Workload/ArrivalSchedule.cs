using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Workload;

/// <summary>
/// The arrival schedule: request i is due at i / rate (or after exponential gaps for Poisson arrivals)
/// and goes to endpoint i mod count. In an open loop arrivals never wait for completions; in a closed
/// loop (<see cref="ArrivalPattern.Closed"/>) each goes out on a connection once that connection's
/// previous request is answered (<see cref="Answered"/>), and no earlier than it is due.
/// </summary>
/// <remarks>
/// Times are integer ticks computed from i directly (not accumulated), so a long run never drifts.
/// Requests are produced in order, one at a time, so a run of any length needs no memory for them.
/// What "due" means in a closed loop: with a rate, i / rate, the time an open loop would have sent it
/// (wrk2's correction, so a request that waited for a connection shows the wait as latency); without
/// a rate there is no schedule, so a request is due when its connection sends it, i.e. when the
/// previous answer came back (the first N at 0): coordinated omission cannot be corrected, as in wrk.
/// </remarks>
public sealed class ArrivalSchedule
{
    private readonly Scenario _scenario;
    private readonly Random? _random;
    private readonly ClosedLoopConnections? _connections;
    private long _next;
    private long _poissonTicks;
    private long _lastSentTicks;

    public ArrivalSchedule(Scenario scenario)
    {
        _scenario = scenario;
        _random = scenario.Arrivals == ArrivalPattern.Poisson ? new Random(scenario.Seed) : null;
        _connections = scenario.Arrivals == ArrivalPattern.Closed ? new ClosedLoopConnections(scenario.Connections) : null;
        Upstream = new UpstreamSchedule(scenario);
    }

    /// <summary>What each request's calls take when they go out: engines ask it at call time.</summary>
    public UpstreamSchedule Upstream { get; }

    /// <summary>How many requests the schedule holds in all.</summary>
    public long Count => _scenario.RequestCount;

    /// <summary>How many requests <see cref="TryNext"/> has handed out.</summary>
    public long Issued => Volatile.Read(ref _next);

    /// <summary>True for an open loop: every request goes out at its due time, whatever the answers.</summary>
    public bool IsOpenLoop => _connections is null;

    /// <summary>
    /// Whether requests remain to be handed out: fewer than the count went out and (closed loop with a
    /// <see cref="Scenario.Duration"/>) the next would not go out after it. While every connection waits
    /// for an answer nobody knows when the next goes out, so requests remain.
    /// </summary>
    public bool HasMore => _next < _scenario.RequestCount && !PastDuration(_connections?.SendTime(DueTime(_next)));

    /// <summary>
    /// When the next request goes out; null when all have been issued, or (closed loop) while every
    /// connection waits for an answer.
    /// </summary>
    public TimeSpan? PeekDue => !HasMore ? null : _connections is null ? DueTime(_next) : _connections.SendTime(DueTime(_next));

    /// <summary>Hands out the next request in order; false when all are issued or (closed loop) no connection is free.</summary>
    public bool TryNext(out Request request)
    {
        request = default;
        if (!HasMore)
        {
            return false;
        }

        long i = _next;
        TimeSpan due = DueTime(i);
        TimeSpan sent = due;
        if (_connections is not null)
        {
            if (_connections.Take(due) is not TimeSpan sendTime)
            {
                return false;
            }

            if (PastDuration(sendTime))
            {
                // An answer came in after HasMore looked: the connection stays idle, and the loop is done.
                _connections.Answered(sendTime);
                return false;
            }

            sent = sendTime;
            // Without a rate there is no schedule: the request is due when its connection sends it.
            due = _scenario.HasRate ? due : sent;
            Volatile.Write(ref _lastSentTicks, sent.Ticks);
        }

        if (_random is not null)
        {
            // Draw the gap to the following request now, so PeekDue stays a pure read.
            double gapSeconds = -Math.Log(1.0 - _random.NextDouble()) / _scenario.RatePerSecond;
            _poissonTicks += (long)Math.Round(gapSeconds * TimeSpan.TicksPerSecond);
        }

        int endpoint = (int)(i % _scenario.EndpointLatencies.Count);
        request = new Request(i, due, endpoint, _scenario.EndpointLatencies[endpoint]) { Sent = sent };
        Volatile.Write(ref _next, i + 1);
        return true;
    }

    /// <summary>
    /// A request was answered (or failed) at <paramref name="completion"/>, since the run's start: in a
    /// closed loop its connection may send the next. Does nothing in an open loop.
    /// </summary>
    public void Answered(TimeSpan completion) => _connections?.Answered(completion);

    /// <summary>Closed loop, real clock: blocks until a connection is free or <paramref name="cancellationToken"/> fires.</summary>
    public void WaitForConnection(CancellationToken cancellationToken) => _connections?.WaitForFree(cancellationToken);

    /// <summary>What a closed loop sent and, with a rate, what it left unsent; null for an open loop.</summary>
    public ClosedLoopCount? ClosedLoop => _connections is null || Issued == 0
        ? null
        : ClosedLoopCount.From(_scenario, Issued, TimeSpan.FromTicks(Volatile.Read(ref _lastSentTicks)));

    private bool PastDuration(TimeSpan? sendTime) => _scenario.Duration is TimeSpan end && sendTime >= end;

    private TimeSpan DueTime(long i)
    {
        if (_random is not null)
        {
            return TimeSpan.FromTicks(_poissonTicks);
        }

        if (!_scenario.HasRate)
        {
            return TimeSpan.Zero;
        }

        // i / rate seconds, computed from i each time: no accumulated rounding error.
        return TimeSpan.FromTicks((long)Math.Round(i * (double)TimeSpan.TicksPerSecond / _scenario.RatePerSecond));
    }
}
