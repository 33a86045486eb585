using System.CommandLine;
using ConcurrencyDemo.Memory;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Sweeps;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// The <c>sweep</c> command: one scenario over a range of one parameter, charted. With no options it
/// answers the article's open question E8: how many threads sync needs for 10 000 rps at 20ms*10.
/// </summary>
internal sealed class SweepCommand(CliOptions options, ParseResult parse, TextWriter stdout, TextWriter stderr)
{
    public const string DefaultThreadValues = "50,100,150,190,200,210,250,300,400";
    public const string DefaultRate = "10000";
    public const string DefaultCount = "20000";
    public const string DefaultLatency = "20ms*10";

    // A thread count large enough that the per-thread cost is not lost in the process's own noise.
    public const int PerThreadProbeThreads = 1000;

    private static readonly Option<SweepParameter> s_parameter = new("--parameter")
    {
        Description = "What to vary: threads (sync pool size), rate (rps), latency (of every endpoint that answers) or fanout (K calls per request: share of slow requests vs K, one curve per --slow, beside 1 − (1 − p)^K). Default: threads",
        HelpName = "threads|rate|latency|fanout",
        CustomParser = result => EnumArgument.Parse(result, "--parameter", SweepParameter.Threads),
    };

    private static readonly Option<string?> s_values = new("--values")
    {
        Description = $"The values, comma separated. e.g. --parameter latency --values 20ms,40ms,60ms. Default for threads: {DefaultThreadValues}",
        HelpName = "LIST",
    };

    private static readonly Option<EngineKind> s_mode = new("--mode")
    {
        Description = "Mode for rate and latency sweeps (a threads sweep is always sync). Default: sync",
        HelpName = "sync|async",
        CustomParser = result => EnumArgument.Parse(result, "--mode", EngineKind.Sync),
    };

    private static readonly Option<string?> s_threads = new("--threads", "-t")
    {
        Description = "Sync threads for rate and latency sweeps. Default: 50",
        HelpName = "N",
    };

    private static readonly Option<string?> s_slow = new("--slow")
    {
        Description = $"Fanout sweep: shares of slow calls, one curve each; --latency mix(FAST,SLOW@P%) gives the two latencies ({FanoutSweepCommand.DefaultLatency} when --latency is not given). e.g. 1%,0.01%. Default: 1%,0.1%,0.01%",
        HelpName = "P%,...",
    };

    public static Command Build(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(
            "sweep",
            "Runs a scenario over a range of one parameter (virtual clock unless --clock real) and charts effective rate, p99 overhead and memory against it. " +
            $"With no options it answers E8: --rate {DefaultRate} --num_req {DefaultCount} --latency \"{DefaultLatency}\" --parameter threads --values {DefaultThreadValues}");
        command.Options.Add(s_parameter);
        command.Options.Add(s_values);
        command.Options.Add(s_mode);
        command.Options.Add(s_threads);
        command.Options.Add(s_slow);
        command.SetAction(parse => new SweepCommand(options, parse, stdout, stderr).Execute());
        return command;
    }

    private int Execute()
    {
        SweepParameter parameter = parse.GetValue(s_parameter);
        string? values = parse.GetValue(s_values);
        if (parameter == SweepParameter.Fanout)
        {
            // Async unless asked: the share of slow requests is then the fan-out's alone, with no queueing.
            EngineKind fanoutEngine = parse.GetResult(s_mode) is { Implicit: false } ? parse.GetValue(s_mode) : EngineKind.Async;
            ScenarioBuilder fanoutBuilder = ScenarioOptions.Builder(
                options, parse, fanoutEngine, parse.GetValue(s_threads) ?? "50", DefaultRate, DefaultCount, defaultLatency: null, ClockKind.Virtual);
            fanoutBuilder.Name ??= "fanout";
            return FanoutSweepCommand.Execute(fanoutBuilder, values, parse.GetValue(s_slow), parse.GetValue(options.Output) ?? ".", parse.GetValue(options.Quiet), stdout, stderr);
        }

        if (parse.GetValue(s_slow) is not null)
        {
            return UserError.Report(stderr, ["--slow: only a fanout sweep takes it — expected --parameter fanout with --slow, e.g. --parameter fanout --slow 1%,0.01%"]);
        }

        if (values is null && parameter != SweepParameter.Threads)
        {
            return UserError.Report(stderr, ["--values: missing — a rate or latency sweep needs its values, e.g. --values 500,1000,2000 or --values 20ms,40ms,60ms"]);
        }

        if (parse.GetValue(options.Arrivals) == ArrivalPattern.Closed)
        {
            // A sweep's table and theory are the open loop's: "kept up with the rate" means nothing to a closed loop.
            return UserError.Report(stderr, ["--arrivals closed: sweep runs open-loop load only — expected --arrivals uniform or poisson, or run the closed loop as a single run or with compare"]);
        }

        EngineKind engine = parameter == SweepParameter.Threads ? EngineKind.Sync : parse.GetValue(s_mode);
        ScenarioBuilder builder = ScenarioOptions.Builder(
            options, parse, engine, parse.GetValue(s_threads) ?? "50", DefaultRate, DefaultCount, DefaultLatency, ClockKind.Virtual);
        builder.Name ??= parameter.ToString().ToLowerInvariant();

        Scenario baseline;
        IReadOnlyList<(double, string, Scenario)> scenarios;
        try
        {
            baseline = builder.Build();
            scenarios = ParameterSweep.Scenarios(baseline, parameter, (values ?? DefaultThreadValues).Split(','));
        }
        catch (ScenarioException e)
        {
            return UserError.Report(stderr, e.Problems);
        }

        string output = parse.GetValue(options.Output) ?? ".";
        if (OutputFolder.Prepare(output, stderr) is { } folderProblem)
        {
            return UserError.Report(stderr, [folderProblem]);
        }

        MemoryCost? perThread = null;
        if (engine == EngineKind.Sync)
        {
            stderr.WriteLine($"measuring the cost of one blocked thread ({PerThreadProbeThreads} threads in a fresh process) …");
            perThread = MeasurePerThread();
        }

        using var interruption = new Interruption(stderr);
        SweepResult sweep = ParameterSweep.Run(baseline, parameter, scenarios, perThread, label => stderr.WriteLine($"{parameter.ToString().ToLowerInvariant()} = {label} …"), interruption.Token);
        stdout.Write(SweepSummary.Format(sweep));
        stdout.WriteLine(OutputFile.Write(Path.Combine(output, SweepChart.FileName(baseline.Name)), SweepChart.Render(sweep)));
        stdout.WriteLine(OutputFile.Write(Path.Combine(output, SweepJsonReport.FileName(baseline.Name)), SweepJsonReport.Serialize(sweep)));
        return ExitCodes.Success;
    }

    /// <summary>The measured cost of one blocked thread, from a fresh child process.</summary>
    public static MemoryCost MeasurePerThread() =>
        MemoryCost.From(
            ChildProbe.Measure(MemoryProbeKind.BlockedThreads, 0),
            ChildProbe.Measure(MemoryProbeKind.BlockedThreads, PerThreadProbeThreads));
}
