using System.Globalization;
using ConcurrencyDemo.Mitigations;

namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// Turns the raw text of the command line (or a file) into a validated <see cref="Scenario"/>.
/// All problems are collected and reported together in a <see cref="ScenarioException"/>.
/// </summary>
public sealed partial class ScenarioBuilder
{
    /// <summary>Upper bound on sync worker threads; far beyond it the OS refuses anyway.</summary>
    public const int MaxThreads = 100_000;

    /// <summary>Upper bound on the rate: beyond it the open-loop generator cannot keep up meaningfully.</summary>
    public const double MaxRate = 10_000_000;

    /// <summary>
    /// Longest time the arrivals may span (30 days): past it the per-second series and overhead
    /// histograms stop being meaningful, and far past it the times overflow <see cref="TimeSpan"/>.
    /// </summary>
    public static readonly TimeSpan MaxLoadDuration = TimeSpan.FromDays(30);

    /// <summary>Longest accepted name (file systems allow 255 bytes, and we add prefixes).</summary>
    public const int MaxNameLength = 100;

    /// <summary>Most loopback servers <see cref="TransportKind.Http"/> starts (one per endpoint).</summary>
    public const int MaxHttpEndpoints = 100;

    private const string UpstreamForm = "comma-separated URLs, one per --latency endpoint, e.g. http://127.0.0.1:8080/,http://127.0.0.1:8081/";

    public string? Name { get; set; }
    public string? Rate { get; set; }
    public string? RequestCount { get; set; }
    public string? Latency { get; set; }
    public string? Timeout { get; set; }
    public EngineKind Engine { get; set; } = EngineKind.Async;
    public string? Threads { get; set; }
    public ClockKind Clock { get; set; } = ClockKind.Real;
    public ArrivalPattern Arrivals { get; set; } = ArrivalPattern.Uniform;

    /// <summary>--connections: the closed loop's connections, as text; only with <see cref="ArrivalPattern.Closed"/>.</summary>
    public string? Connections { get; set; }

    /// <summary>--duration: how long a closed loop sends, as text; only with <see cref="ArrivalPattern.Closed"/>. Null: until --num_req are sent.</summary>
    public string? Duration { get; set; }
    public string? Seed { get; set; }
    public string? CpuPerRequest { get; set; }
    public string? Cores { get; set; }
    public string? DispatchCost { get; set; }

    /// <summary>Null when not given: <see cref="TransportKind.Model"/>, or <see cref="TransportKind.Http"/> when <see cref="Upstream"/> is set.</summary>
    public TransportKind? Transport { get; set; }

    /// <summary>Null when not given: <see cref="TimerKind.Precise"/>. Only for the real clock.</summary>
    public TimerKind? Timer { get; set; }

    /// <summary>Comma-separated URLs of servers that already run, one per endpoint (implies the http transport).</summary>
    public string? Upstream { get; set; }

    /// <summary>Each <c>--slowdown ENDPOINT=LATENCY@FROM-TO</c> given; null or empty for none.</summary>
    public IReadOnlyList<string>? Slowdowns { get; set; }

    /// <summary><c>--fanout K</c> or <c>K/Q</c>; null for one call per request.</summary>
    public string? Fanout { get; set; }
    /// <summary>--balancer: round-robin (null), random, least-outstanding or p2c.</summary>
    public string? Balancer { get; set; }

    /// <summary>--eject: null for none, empty for Envoy's defaults, else key=value pairs.</summary>
    public string? Eject { get; set; }

    /// <summary>--breaker: null for none, empty for Polly's defaults, else key=value pairs.</summary>
    public string? Breaker { get; set; }

    /// <summary>--bulkhead: calls in flight per endpoint; null for no limit.</summary>
    public string? Bulkhead { get; set; }

    /// <summary>--upstream-capacity: calls each endpoint serves at once; null for no limit.</summary>
    public string? UpstreamCapacity { get; set; }

    /// <summary>--retries: retries per failed request; null for none.</summary>
    public string? Retries { get; set; }

    /// <summary>--retry-budget: the share of requests that may be retried; null for no budget.</summary>
    public string? RetryBudget { get; set; }

    /// <summary>--hedge-after: when a hedged attempt goes out; null for no hedging.</summary>
    public string? HedgeAfter { get; set; }

    /// <summary>Validates everything and builds the scenario, or throws <see cref="ScenarioException"/>.</summary>
    public Scenario Build()
    {
        var problems = new List<string>();

        int connections = ParseConnections(problems);
        TimeSpan? duration = ParseDuration(problems);
        // A closed loop needs no rate: without one, each connection sends as soon as it is answered.
        double rate = Arrivals == ArrivalPattern.Closed && Rate is null ? double.PositiveInfinity : ParseRate(problems);
        long count = ParsePositiveLong(RequestCount, "--num_req", "a whole number of requests ≥ 1, e.g. 10000", problems);
        bool rateAndCountValid = problems.Count == 0;
        int problemsBeforeLatency = problems.Count;
        IReadOnlyList<LatencyDistribution> distributions = ParseLatencies(problems);
        // An invalid --latency says so once; endpoint indexes and K are then checked against no count.
        int endpointsToCheck = problems.Count == problemsBeforeLatency ? distributions.Count : LatencyListParser.MaxEndpoints;
        IReadOnlyList<TimeSpan> latencies = [.. distributions.Select(d => d.Mean)];
        TimeSpan timeout = ParseTimeout(problems);
        int threads = ParseThreads(problems);
        ThreadPoolSettings? pool = ParsePool(problems);
        int seed = ParseSeed(problems);
        ModelCosts costs = ParseCosts(problems);
        TransportKind transport = ParseTransport(latencies.Count, problems, out IReadOnlyList<Uri> upstreams);
        // Without a rate (a closed loop) nothing says when the last request goes out.
        TimeSpan lastDue = rateAndCountValid && !double.IsPositiveInfinity(rate) ? TimeSpan.FromSeconds(Math.Min((count - 1) / rate, MaxLoadDuration.TotalSeconds)) : TimeSpan.MaxValue;
        IReadOnlyList<Slowdown> slowdowns = UpstreamBehaviourOptions.ParseSlowdowns(Slowdowns, endpointsToCheck, lastDue, problems);
        Fanout fanout = UpstreamBehaviourOptions.ParseFanout(Fanout, endpointsToCheck, problems);
        int? upstreamCapacity = UpstreamBehaviourOptions.ParseUpstreamCapacity(UpstreamCapacity, transport, problems);
        UpstreamBehaviourOptions.CheckTransport(transport, upstreams.Count > 0, distributions, slowdowns, fanout, problems);
        var mitigations = new MitigationSettings(MitigationParser.ParseBalancer(Balancer, problems), MitigationParser.ParseEjection(Eject, problems))
        {
            Breaker = MitigationParser.ParseBreaker(Breaker, problems),
            Bulkhead = MitigationParser.ParseBulkhead(Bulkhead, problems),
            Retries = MitigationParser.ParseRetries(Retries, problems),
            HedgeAfter = MitigationParser.ParseHedgeAfter(HedgeAfter, timeout, problems),
        };
        mitigations = mitigations with { RetryBudget = MitigationParser.ParseRetryBudget(RetryBudget, mitigations.Retries, problems) };
        if (pool?.Block == BlockKind.Poll && mitigations.IsActive)
        {
            // Refused rather than half-modelled: the model's policy calls record an answer when its completion runs, where a poller notices it later.
            problems.Add("--block poll: --balancer, --eject, --breaker, --bulkhead, --retries and --hedge-after are not supported with polling yet — expected --block poll without them, or --block result|sleep with them");
        }

        if (Arrivals == ArrivalPattern.Closed && mitigations.IsActive)
        {
            // Refused rather than half-modelled: the mitigated simulation reads arrivals ahead of the answers a closed loop waits for.
            problems.Add("--arrivals closed: --balancer, --eject, --breaker, --bulkhead, --retries and --hedge-after are not supported with a closed loop yet — expected a closed loop without them, e.g. --arrivals closed --connections 50, or --arrivals uniform with them");
        }

        if (Timer is not null && Clock == ClockKind.Virtual)
        {
            problems.Add("--timer chooses how real-clock runs wait; the virtual clock has no timers — drop --timer, or use --clock real");
        }

        // Checked only when both parsed; (count - 1) / rate is the time the last request is due.
        if (rateAndCountValid && (count - 1) / rate > MaxLoadDuration.TotalSeconds)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"--rate/--num_req: {count} requests at {rate:G6} rps take {(count - 1) / rate / 86400:0.#} days to send, more than the maximum of {MaxLoadDuration.TotalDays:0} days — expected (num_req − 1) / rate within {MaxLoadDuration.TotalDays:0} days: raise --rate or lower --num_req"));
        }

        string? nameProblem = Name is null ? null : FileNameRules.Check(Name);
        if (nameProblem is not null)
        {
            problems.Add($"--name: {nameProblem} — expected letters, digits, '-', '_' or '.', e.g. sync_1k_20ms");
        }

        if (problems.Count > 0)
        {
            throw new ScenarioException(problems);
        }

        var scenario = new Scenario(Name ?? "", rate, count, latencies, timeout, Engine, threads, Clock, Arrivals, seed, costs)
        {
            Transport = transport,
            Upstreams = upstreams,
            Timer = Timer ?? TimerKind.Precise,
            Pool = pool,
            EndpointDistributions = distributions.All(d => d.IsFixed) ? [] : distributions,
            Slowdowns = slowdowns,
            Fanout = fanout,
            UpstreamCapacity = upstreamCapacity,
            Mitigations = mitigations,
            Connections = connections,
            Duration = duration,
        };
        return Name is null ? scenario with { Name = DefaultScenarioName.For(scenario) } : scenario;
    }

    private TransportKind ParseTransport(int endpoints, List<string> problems, out IReadOnlyList<Uri> upstreams)
    {
        upstreams = [];
        if (Upstream is not null && Transport == TransportKind.Model)
        {
            problems.Add("--upstream sends real HTTP requests — use it with --transport http (or leave --transport out)");
            return TransportKind.Model;
        }

        TransportKind transport = Transport ?? (Upstream is null ? TransportKind.Model : TransportKind.Http);
        if (transport != TransportKind.Http)
        {
            return transport;
        }

        if (Clock == ClockKind.Virtual)
        {
            problems.Add("--transport http uses real sockets and only runs on the real clock — drop --clock virtual, or use --transport model");
        }

        if (Upstream is null)
        {
            if (endpoints > MaxHttpEndpoints)
            {
                problems.Add($"--latency: {endpoints} endpoints is above the maximum of {MaxHttpEndpoints} loopback servers for --transport http — expected at most {MaxHttpEndpoints} endpoints, e.g. \"20ms*10\"");
            }

            return transport;
        }

        var urls = new List<Uri>();
        foreach (string part in Upstream.Split(','))
        {
            string text = part.Trim();
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"--upstream: \"{text}\" is not an http:// or https:// URL — expected {UpstreamForm}");
                return transport;
            }

            urls.Add(url);
        }

        if (urls.Count != endpoints)
        {
            problems.Add($"--upstream: {urls.Count} URL{(urls.Count == 1 ? "" : "s")} but --latency lists {endpoints} endpoint{(endpoints == 1 ? "" : "s")} — expected one URL per --latency endpoint (its expected latency), e.g. --upstream http://127.0.0.1:8080/,http://127.0.0.1:8081/ --latency \"20ms*2\"");
            return transport;
        }

        upstreams = urls;
        return transport;
    }

    private double ParseRate(List<string> problems)
    {
        const string form = "requests per second, a number > 0, e.g. 1000 or 0.5";
        if (Rate is null)
        {
            problems.Add($"--rate: missing — expected {form}");
            return 1;
        }

        string text = Rate.Trim();
        if (text.StartsWith('-') && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            problems.Add($"--rate: must be greater than 0 — expected {form}");
            return 1;
        }

        bool plain = text.Length > 0 && text.All(c => c is (>= '0' and <= '9') or '.') && text.Count(c => c == '.') <= 1;
        if (!plain || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double rate)
            || double.IsInfinity(rate))
        {
            problems.Add($"--rate: \"{Rate}\" is not a number — expected {form}");
            return 1;
        }

        if (rate <= 0)
        {
            problems.Add($"--rate: must be greater than 0 — expected {form}");
            return 1;
        }

        if (rate > MaxRate)
        {
            problems.Add($"--rate: {Rate} is above the maximum of {MaxRate:0} — expected {form}");
            return 1;
        }

        return rate;
    }

    private IReadOnlyList<LatencyDistribution> ParseLatencies(List<string> problems)
    {
        if (Latency is null)
        {
            problems.Add($"--latency: missing — expected {LatencyListParser.ValidForm}");
            return [new FixedLatency(TimeSpan.Zero)];
        }

        if (!LatencyListParser.TryParseDistributions(Latency, out IReadOnlyList<LatencyDistribution> latencies, out string error))
        {
            problems.Add(error);
            return [new FixedLatency(TimeSpan.Zero)];
        }

        return latencies;
    }

    private TimeSpan ParseTimeout(List<string> problems)
    {
        if (Timeout is null)
        {
            return Scenario.DefaultTimeout;
        }

        if (!DurationParser.TryParse(Timeout, out TimeSpan timeout, out string error))
        {
            problems.Add($"--timeout: {error} — expected {DurationParser.ValidForm}");
            return Scenario.DefaultTimeout;
        }

        if (timeout <= TimeSpan.Zero)
        {
            problems.Add($"--timeout: must be greater than 0 — expected {DurationParser.ValidForm}");
            return Scenario.DefaultTimeout;
        }

        return timeout;
    }

    private int ParseConnections(List<string> problems)
    {
        const string form = "a whole number of connections ≥ 1 with --arrivals closed, e.g. --arrivals closed --connections 50";
        if (Arrivals != ArrivalPattern.Closed)
        {
            if (Connections is not null)
            {
                problems.Add($"--connections: only means something in a closed loop — expected {form}, or drop --connections");
            }

            return 0;
        }

        long connections = ParsePositiveLong(Connections, "--connections", form, problems);
        if (connections > MaxThreads)
        {
            problems.Add($"--connections: {Connections} is above the maximum of {MaxThreads} — expected {form}");
            return 1;
        }

        return (int)connections;
    }

    private TimeSpan? ParseDuration(List<string> problems)
    {
        const string form = "how long a closed loop sends, e.g. --arrivals closed --connections 125 --duration 10s";
        if (Duration is null)
        {
            return null;
        }

        if (Arrivals != ArrivalPattern.Closed)
        {
            // An open loop's length is --num_req / --rate already.
            problems.Add($"--duration: only means something in a closed loop — expected {form}, or drop --duration");
            return null;
        }

        if (!DurationParser.TryParse(Duration, out TimeSpan duration, out string error))
        {
            problems.Add($"--duration: {error} — expected {DurationParser.ValidForm}: {form}");
            return null;
        }

        if (duration <= TimeSpan.Zero)
        {
            problems.Add($"--duration: must be greater than 0 — expected {form}");
            return null;
        }

        if (duration > MaxLoadDuration)
        {
            problems.Add($"--duration: {Duration} is above the maximum of {MaxLoadDuration.TotalDays:0} days — expected {form}");
            return null;
        }

        return duration;
    }

    private int ParseThreads(List<string> problems)
    {
        if (Engine != EngineKind.Sync)
        {
            return 0;
        }

        long threads = ParsePositiveLong(Threads, "--threads", $"a whole number of threads from 1 to {MaxThreads}, e.g. 50", problems);
        if (threads > MaxThreads)
        {
            problems.Add($"--threads: {Threads} is above the maximum of {MaxThreads} — expected a whole number from 1 to {MaxThreads}, e.g. 50");
            return 1;
        }

        return (int)threads;
    }

    private int ParseSeed(List<string> problems)
    {
        if (Seed is null)
        {
            return 0;
        }

        if (!int.TryParse(Seed.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed))
        {
            problems.Add($"--seed: \"{Seed}\" is not a whole number — expected an integer, e.g. 42");
            return 0;
        }

        return seed;
    }

    private ModelCosts ParseCosts(List<string> problems)
    {
        TimeSpan cpu = ParseCost(CpuPerRequest, "--cpu-per-request", problems);
        TimeSpan dispatch = ParseCost(DispatchCost, "--dispatch-cost", problems);
        int cores = 1;
        if (Cores is not null)
        {
            cores = (int)Math.Min(ParsePositiveLong(Cores, "--cores", "a whole number of cores from 1 to 1024, e.g. 4", problems), 1025);
            if (cores > 1024)
            {
                problems.Add($"--cores: {Cores} is above the maximum of 1024 — expected a whole number from 1 to 1024, e.g. 4");
                cores = 1;
            }
        }

        var costs = new ModelCosts(cpu, cores, dispatch);
        bool anySet = CpuPerRequest is not null || DispatchCost is not null || Cores is not null;
        if (anySet && Clock != ClockKind.Virtual)
        {
            problems.Add("--cpu-per-request, --cores and --dispatch-cost model a machine on the virtual clock — add --clock virtual");
        }

        return costs;
    }

    private static TimeSpan ParseCost(string? text, string option, List<string> problems)
    {
        if (text is null)
        {
            return TimeSpan.Zero;
        }

        if (!DurationParser.TryParse(text, out TimeSpan value, out string error))
        {
            problems.Add($"{option}: {error} — expected {DurationParser.ValidForm}");
            return TimeSpan.Zero;
        }

        return value;
    }

    private static long ParsePositiveLong(string? text, string option, string form, List<string> problems)
    {
        if (text is null)
        {
            problems.Add($"{option}: missing — expected {form}");
            return 1;
        }

        string trimmed = text.Trim();
        if (trimmed.StartsWith('-') && trimmed.Length > 1 && trimmed[1..].All(c => c is >= '0' and <= '9'))
        {
            problems.Add($"{option}: must be at least 1 — expected {form}");
            return 1;
        }

        if (trimmed.Length == 0 || !trimmed.All(c => c is >= '0' and <= '9'))
        {
            problems.Add($"{option}: \"{text}\" is not a whole number — expected {form}");
            return 1;
        }

        if (!long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            problems.Add($"{option}: \"{text}\" is too large — expected {form}");
            return 1;
        }

        if (value < 1)
        {
            problems.Add($"{option}: must be at least 1 — expected {form}");
            return 1;
        }

        return value;
    }
}
