namespace ConcurrencyDemo.Scenarios;

/// <summary>An immutable, validated description of one run. Build it with <see cref="ScenarioBuilder"/>.</summary>
/// <param name="Name">Test case name; safe as part of a file name.</param>
/// <param name="RatePerSecond">
/// Open-loop arrival rate in requests per second; with <see cref="ArrivalPattern.Closed"/>, the cap on the
/// total rate, or <see cref="double.PositiveInfinity"/> when none was given (see <see cref="HasRate"/>).
/// </param>
/// <param name="RequestCount">How many requests the run sends.</param>
/// <param name="EndpointLatencies">One latency per upstream endpoint; requests go round robin.</param>
/// <param name="Timeout">A call whose latency reaches this fails after it. Default 30 s.</param>
/// <param name="Engine">Sync (thread pool) or async.</param>
/// <param name="Threads">Worker threads for <see cref="EngineKind.Sync"/>; 0 for async.</param>
/// <param name="Clock">Real or virtual clock.</param>
/// <param name="Arrivals">Uniform (default) or Poisson arrivals.</param>
/// <param name="Seed">Seed for anything random (Poisson arrivals). Default 0.</param>
/// <param name="Costs">Machine costs modelled on the virtual clock. Default none.</param>
public sealed record Scenario(
    string Name,
    double RatePerSecond,
    long RequestCount,
    IReadOnlyList<TimeSpan> EndpointLatencies,
    TimeSpan Timeout,
    EngineKind Engine,
    int Threads,
    ClockKind Clock,
    ArrivalPattern Arrivals,
    int Seed,
    ModelCosts Costs)
{
    /// <summary>How calls reach the endpoints. Default <see cref="TransportKind.Model"/>.</summary>
    public TransportKind Transport { get; init; } = TransportKind.Model;

    /// <summary>
    /// With <see cref="TransportKind.Http"/>: servers that already run, one URL per endpoint of
    /// <see cref="EndpointLatencies"/> (whose latencies are then only the expected latencies that
    /// overhead is measured against). Empty (the default): the tool starts loopback servers itself.
    /// </summary>
    public IReadOnlyList<Uri> Upstreams { get; init; } = [];

    /// <summary>How a real-clock run waits (ignored on the virtual clock). Default <see cref="TimerKind.Precise"/>.</summary>
    public TimerKind Timer { get; init; } = TimerKind.Precise;

    /// <summary>With <see cref="EngineKind.ThreadPool"/>: how requests block and the pool's limits; null for the other modes.</summary>
    public ThreadPoolSettings? Pool { get; init; }

    /// <summary>
    /// One latency distribution per endpoint, drawn per call from <see cref="Seed"/>; their means are
    /// <see cref="EndpointLatencies"/>. Empty (the default): every endpoint answers in its fixed latency.
    /// </summary>
    public IReadOnlyList<LatencyDistribution> EndpointDistributions { get; init; } = [];

    /// <summary>Windows of time in which endpoints answer with another latency (<c>--slowdown</c>). Default none.</summary>
    public IReadOnlyList<Slowdown> Slowdowns { get; init; } = [];

    /// <summary>How many endpoints each request calls, and how many answers it waits for. Default one.</summary>
    public Fanout Fanout { get; init; } = Fanout.None;

    /// <summary>
    /// Calls each endpoint serves at once (<c>--upstream-capacity</c>); more wait at the endpoint, and a call
    /// its caller gave up on is still served. Null (the default): endpoints serve any number at once.
    /// </summary>
    public int? UpstreamCapacity { get; init; }

    /// <summary>Balancer and ejection between a request and its endpoint. Default <see cref="Mitigations.MitigationSettings.None"/> (round robin).</summary>
    public Mitigations.MitigationSettings Mitigations { get; init; } = ConcurrencyDemo.Mitigations.MitigationSettings.None;

    /// <summary>With <see cref="ArrivalPattern.Closed"/>: the connections of the closed loop (<c>--connections</c>); 0 for an open loop.</summary>
    public int Connections { get; init; }

    /// <summary>
    /// With <see cref="ArrivalPattern.Closed"/>: how long the loop sends (<c>--duration</c>), as bombardier's
    /// and wrk's runs last; requests in flight at its end still finish and are recorded. The loop also
    /// stops after <see cref="RequestCount"/>. Null (the default): only the count stops it.
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Whether requests have a schedule (a rate): always in an open loop; in a closed loop only with <c>--rate</c>.</summary>
    public bool HasRate => !double.IsPositiveInfinity(RatePerSecond);

    /// <summary>The article's timeout, used when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a call to an endpoint with <paramref name="latency"/> holds its caller.</summary>
    public TimeSpan HoldTime(TimeSpan latency) => latency < Timeout ? latency : Timeout;

    /// <summary>Whether a call to an endpoint with <paramref name="latency"/> succeeds.</summary>
    public bool Succeeds(TimeSpan latency) => latency < Timeout;

    /// <summary>
    /// When the last request is due (uniform arrivals), i.e. how long generating the load takes; 0 without a
    /// rate; with a <see cref="Duration"/>, at most that.
    /// </summary>
    public TimeSpan LoadDuration => Duration is TimeSpan sending && (!HasRate || sending.TotalSeconds < (RequestCount - 1) / RatePerSecond)
        ? sending
        : TimeSpan.FromSeconds((RequestCount - 1) / RatePerSecond);
}
