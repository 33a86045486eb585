using System.CommandLine;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// The options of the original tool, placed before the mode word and therefore recursive, plus ours.
/// Numbers are read as text so the library's <see cref="ScenarioBuilder"/> validates them all in one place.
/// </summary>
internal sealed class CliOptions
{
    /// <summary>The --clock description up to its default, which sweep shows differently.</summary>
    public const string ClockDescription = "real: real threads, sleeps and delays; virtual: a deterministic simulation of the same service, in integer ticks. Default: ";

    public Option<string?> Name { get; } = new("--name", "-N")
    {
        Description = "Test case name, used in output file names; letters, digits, '-', '_', '.'. e.g. sync_1k_20ms. Default: derived from the scenario",
        HelpName = "NAME",
        Recursive = true,
    };

    public Option<string?> Rate { get; } = new("--rate", "-r")
    {
        Description = "Requests per second, open loop (arrivals never wait for completions); fractions allowed; with --arrivals closed optional, a cap on the total. e.g. 1000",
        HelpName = "RPS",
        Recursive = true,
    };

    public Option<string?> RequestCount { get; } = new("--num_req", "-n", "--num-req")
    {
        Description = "Number of requests to send. e.g. 10000",
        HelpName = "N",
        Recursive = true,
    };

    public Option<string?> Latency { get; } = new("--latency", "-l")
    {
        Description = "Upstream latencies, one per endpoint, round robin; VALUE*COUNT repeats; units ns, us, ms, s, m, h (bare number = ms). A VALUE may be a distribution drawn per call from --seed: exp(MEAN), lognormal(p50=P50,p99=P99), uniform(LOW,HIGH), mix(FAST,SLOW@P%). e.g. \"20ms*9,30s\" or \"lognormal(p50=20ms,p99=200ms)*10\"",
        HelpName = "LIST",
        Recursive = true,
    };

    public Option<string?> PythonPath { get; } = new("--python_path", "-p")
    {
        Description = "Accepted for compatibility with the original tool and ignored: charts are drawn natively",
        HelpName = "PATH",
        Recursive = true,
    };

    public Option<string?> Timeout { get; } = new("--timeout")
    {
        Description = "A call whose latency reaches this fails, holding its caller for the timeout. e.g. 1s. Default: 30s",
        HelpName = "DURATION",
        Recursive = true,
    };

    public Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "Folder for the charts and JSON, created if missing. e.g. out. Default: the current folder",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<string?> Seed { get; } = new("--seed")
    {
        Description = "Seed for random elements (Poisson arrivals, latency distributions). e.g. 42. Default: 0",
        HelpName = "INT",
        Recursive = true,
    };

    public Option<ArrivalPattern> Arrivals { get; } = new("--arrivals")
    {
        HelpName = "uniform|poisson|closed",
        Description = "uniform: request i due at i/rate (the article's); poisson: random exponential gaps with the same mean; closed: --connections N each send the next request when the previous is answered (as wrk), --rate then optional and caps the total. Default: uniform",
        Recursive = true,
        CustomParser = result => EnumArgument.Parse(result, "--arrivals", ArrivalPattern.Uniform),
    };

    public Option<string?> Connections { get; } = new("--connections")
    {
        Description = "With --arrivals closed: connections, each sending its next request when the previous is answered; latency is still measured from when each was due at --rate (none without --rate). e.g. 50",
        HelpName = "N",
        Recursive = true,
    };

    public Option<string?> Duration { get; } = new("--duration")
    {
        Description = "With --arrivals closed: how long the connections send (as bombardier's and wrk's -d); requests in flight then finish and count. The summary and JSON add requests/s (answers within it / its length) and the mean latency. --num_req still caps the requests. e.g. 10s",
        HelpName = "DURATION",
        Recursive = true,
    };

    public Option<ClockKind> Clock { get; } = new("--clock")
    {
        HelpName = "real|virtual",
        Description = ClockDescription + "real",
        Recursive = true,
        CustomParser = result => EnumArgument.Parse(result, "--clock", ClockKind.Real),
    };

    public Option<string?> CpuPerRequest { get; } = new("--cpu-per-request")
    {
        Description = "Virtual clock only: CPU time each request needs on one of --cores cores (async then saturates on CPU, not threads). e.g. 100us. Default: 0",
        HelpName = "DURATION",
        Recursive = true,
    };

    public Option<string?> Cores { get; } = new("--cores")
    {
        Description = "Virtual clock only: cores that share the --cpu-per-request work. e.g. 4. Default: 1",
        HelpName = "N",
        Recursive = true,
    };

    public Option<string?> DispatchCost { get; } = new("--dispatch-cost")
    {
        Description = "Virtual clock only: time to hand one request through the sync pool's shared queue, one at a time (contention). e.g. 20us. Default: 0",
        HelpName = "DURATION",
        Recursive = true,
    };

    public Option<TransportKind> Transport { get; } = new("--transport")
    {
        HelpName = "model|http",
        Description = "model: a call is a sleep/delay of the endpoint's latency; http: every endpoint is a real HTTP server on 127.0.0.1 answering after its latency (a latency ≥ --timeout never answers), called with a real client. Real clock only. Default: model",
        Recursive = true,
        CustomParser = result => EnumArgument.Parse(result, "--transport", TransportKind.Model),
    };

    public Option<TimerKind> Timer { get; } = new("--timer")
    {
        HelpName = "precise|dotnet",
        Description = "Real clock only. precise: sleeps with nanosecond timeouts — a blocked call's thread sleeps itself, one timer thread completes awaited calls and sends the requests (typically about 0.1 ms late; each run prints the lateness it measured); dotnet: .NET's own Task.Delay and whole-millisecond sleeps, to see what they add. Default: precise",
        Recursive = true,
        CustomParser = result => EnumArgument.Parse(result, "--timer", TimerKind.Precise),
    };

    public Option<string?> Upstream { get; } = new("--upstream")
    {
        Description = "Call servers that already run instead of starting loopback ones (implies --transport http): one URL per --latency endpoint, round robin; --latency then gives each one's expected latency, which overhead is measured against. e.g. http://127.0.0.1:8080/,http://127.0.0.1:8081/",
        HelpName = "URL,...",
        Recursive = true,
    };

    public Option<string?> Balancer { get; } = new("--balancer")
    {
        Description = "How a request picks its endpoint: round-robin (the article's), random, least-outstanding (fewest calls in flight; ties round robin) or p2c (two random endpoints, the one with fewer calls in flight). Default: round-robin",
        HelpName = "round-robin|random|least-outstanding|p2c",
        Recursive = true,
    };

    public Option<string?> Eject { get; } = new("--eject")
    {
        Description = "Passive outlier ejection, Envoy's semantics: an endpoint with N failures in a row (timeouts count) leaves the balancer for base × times ejected (at most 300 s), returning at the sweep every interval; at most max% of the endpoints out (at least one may be). Alone: consecutive=5,interval=10s,base=30s,max=10%",
        HelpName = "[consecutive=N,interval=D,base=D,max=P%]",
        Arity = ArgumentArity.ZeroOrOne,
        Recursive = true,
    };

    public Option<string?> Breaker { get; } = new("--breaker")
    {
        Description = "A circuit breaker per endpoint, Polly v8's semantics: opens when, over the window, at least min calls ended and at least ratio of them failed; open, it fails calls fast for break; then one probe goes through (success closes it, failure reopens it). Alone: ratio=0.1,window=30s,min=100,break=5s",
        HelpName = "[ratio=R,window=D,min=N,break=D]",
        Arity = ArgumentArity.ZeroOrOne,
        Recursive = true,
    };

    public Option<string?> Bulkhead { get; } = new("--bulkhead")
    {
        Description = "At most N calls in flight per endpoint; the excess fails fast. e.g. 10. Default: no limit",
        HelpName = "N",
        Recursive = true,
    };

    public Option<string?> UpstreamCapacity { get; } = new("--upstream-capacity")
    {
        Description = "Calls each endpoint serves at once; more wait at the endpoint, first come first served, and a call whose caller timed out is still served to the end (the wasted work that lets retries keep it overloaded). --transport model only. e.g. 5. Default: no limit",
        HelpName = "N",
        Recursive = true,
    };

    public Option<string?> Retries { get; } = new("--retries")
    {
        Description = "Retries of a failed call (timeout or fast fail), each to an endpoint the balancer picks other than the one just tried; the request's time includes every attempt. 0–10. Default 0",
        HelpName = "N",
        Recursive = true,
    };

    public Option<string?> RetryBudget { get; } = new("--retry-budget")
    {
        Description = "Caps --retries to a share of requests, Finagle's budget: each request deposits P% of a retry, deposits last 10 s, 10 retries a second are always allowed; a retry the budget refuses fails the request. e.g. 20%. Default: no budget",
        HelpName = "P%",
        Recursive = true,
    };

    public Option<string?> HedgeAfter { get; } = new("--hedge-after")
    {
        Description = "After this long without an answer, one more attempt goes to another endpoint; the first answer wins, the other call is abandoned (sync: the thread waits for the pair, as behind a hedging proxy). Below --timeout, e.g. 50ms. Default: no hedging",
        HelpName = "DURATION",
        Recursive = true,
    };

    public Option<string[]> Slowdown { get; } = new("--slowdown")
    {
        Description = "Repeatable. From FROM to TO seconds after the start, endpoint ENDPOINT (its index in --latency, or all) answers in LATENCY instead (≥ --timeout: a black hole for that window); every engine, both clocks, both transports. e.g. 0=2s@10-20",
        HelpName = "ENDPOINT=LATENCY@FROM-TO",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Fanout { get; } = new("--fanout")
    {
        Description = "Each request calls K endpoints at once (round robin from its position) and completes when all K have answered, or Q of them with K/Q; sync holds its thread for the whole fan-out, async holds none. --transport model only. e.g. 10 or 10/9. Default: 1",
        HelpName = "K[/Q]",
        Recursive = true,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress display (it is also off when stderr is not a terminal)",
        Recursive = true,
    };

    public Option<bool> Force { get; } = new("--force")
    {
        Description = "Run even what looks like it would exhaust the machine or take hours (too many threads for the OS or memory, a real-clock run over an hour, too little disk)",
        Recursive = true,
    };

    public Option<string?> Threads { get; } = new("--threads", "-t")
    {
        Description = "Worker threads in the fixed pool; required. e.g. 50",
        HelpName = "N",
    };

    /// <summary>The options placed on the root command (before the mode word).</summary>
    public IEnumerable<Option> Global =>
        [Name, Rate, RequestCount, Latency, PythonPath, Timeout, Output, Seed, Clock, Arrivals, Connections, Duration, CpuPerRequest, Cores, DispatchCost, Transport, Timer, Upstream, Balancer, Eject, Breaker, Bulkhead, Retries, RetryBudget, HedgeAfter, Slowdown, Fanout, UpstreamCapacity, Quiet, Force];

    /// <summary>
    /// The root options a command accepts (they are typed before its word, as the original tool's are);
    /// any other given to it is an error, and its --help lists only these.
    /// </summary>
    public IReadOnlySet<Option> AllowedFor(string command) => command switch
    {
        "sync" or "async" or "threadpool" or "compare" => Global.ToHashSet(),
        "sweep" => Global.Except([PythonPath, Force]).ToHashSet(),
        "locking" => new HashSet<Option> { Name, Output, Quiet },
        "reproduce" => new HashSet<Option> { Output, Quiet },
        "memory" => new HashSet<Option> { Output },
        _ => new HashSet<Option>(),
    };

    /// <summary>The options that take a value (every one but the switches).</summary>
    public IEnumerable<Option> Valued =>
        [Name, Rate, RequestCount, Latency, PythonPath, Timeout, Output, Seed, Clock, Arrivals, Connections, Duration, CpuPerRequest, Cores, DispatchCost, Transport, Timer, Upstream, Balancer, Bulkhead, Retries, RetryBudget, HedgeAfter, Slowdown, Fanout, UpstreamCapacity, Threads]; // --eject and --breaker alone mean their defaults
}
