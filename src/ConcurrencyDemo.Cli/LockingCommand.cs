using System.CommandLine;
using ConcurrencyDemo.Locking;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// <c>locking</c>: the article's coarse-grained lock around a slow output stream versus a queue to
/// the stream's owning thread (E10), measured. Values are read as text so the library validates them.
/// </summary>
internal sealed class LockingCommand
{
    private const string DefaultName = "locking";

    private readonly Option<string?> _mode = new("--mode")
    {
        Description = "coarse: each worker takes the sink's lock and writes; owner: workers enqueue, one thread writes; both: one after the other. Default: both",
        HelpName = "coarse|owner|both",
    };

    private readonly Option<string?> _workers = new("--workers", "-w")
    {
        Description = "Worker threads producing events. Default: 4",
        HelpName = "N",
    };

    private readonly Option<string?> _duration = new("--duration", "-d")
    {
        Description = "How long each mode runs. Default: 3s",
        HelpName = "DURATION",
    };

    private readonly Option<string?> _work = new("--work")
    {
        Description = "A worker's own (blocking) work to produce one event. Default: 6ms",
        HelpName = "DURATION",
    };

    private readonly Option<string?> _writeLatency = new("--write-latency")
    {
        Description = "How long one write to the sink takes. Default: 1ms",
        HelpName = "DURATION",
    };

    private readonly Option<string?> _slowdownAt = new("--slowdown-at")
    {
        Description = "When the sink slows down, since the start, or none. Default: half way (1.5s with a 3s --duration)",
        HelpName = "DURATION|none",
    };

    private readonly Option<string?> _slowdownLatency = new("--slowdown-latency")
    {
        Description = "One write's duration after the slowdown. Default: 10ms",
        HelpName = "DURATION",
    };

    private readonly Option<string?> _queueCapacity = new("--queue-capacity")
    {
        Description = "Owner mode: the queue's bound (a full queue makes workers wait), or unbounded (the backlog grows instead). Default: unbounded",
        HelpName = "N|unbounded",
    };

    private readonly CliOptions _global;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    private LockingCommand(CliOptions global, TextWriter stdout, TextWriter stderr)
    {
        _global = global;
        _stdout = stdout;
        _stderr = stderr;
    }

    /// <summary>The <c>locking</c> command; the root's --output, --name and --quiet apply to it.</summary>
    public static Command Create(CliOptions global, TextWriter stdout, TextWriter stderr)
    {
        var handler = new LockingCommand(global, stdout, stderr);
        var command = new Command(
            "locking",
            "The article's coarse-grained locking vs ownership (E10): W workers produce events for one slow sink, which slows down " +
            "part way. coarse: each worker locks the sink and writes; owner: workers enqueue to a channel, one thread writes. " +
            "Prints events/s, the workers' time producing vs waiting, hand-off p50/p99 before and after the slowdown; draws " +
            "{name}_workers_{mode}.png and {name}_events_{mode}.png; writes {name}.json. e.g.\n" +
            "  concurrency-demo-benchmarks locking --mode both --workers 4 --write-latency 1ms --slowdown-at 1.5s --slowdown-latency 10ms");
        foreach (Option option in new Option[] { handler._mode, handler._workers, handler._duration, handler._work, handler._writeLatency, handler._slowdownAt, handler._slowdownLatency, handler._queueCapacity })
        {
            command.Options.Add(option);
        }

        command.SetAction(handler.Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        var builder = new LockingOptionsBuilder
        {
            Mode = parse.GetValue(_mode),
            Workers = parse.GetValue(_workers),
            Duration = parse.GetValue(_duration),
            WorkPerEvent = parse.GetValue(_work),
            WriteLatency = parse.GetValue(_writeLatency),
            SlowdownAt = parse.GetValue(_slowdownAt),
            SlowdownLatency = parse.GetValue(_slowdownLatency),
            QueueCapacity = parse.GetValue(_queueCapacity),
        };

        var problems = new List<string>();
        LockingOptions? options = null;
        IReadOnlyList<LockingMode> modes = [];
        try
        {
            (options, modes) = builder.Build();
        }
        catch (ScenarioException e)
        {
            problems.AddRange(e.Problems);
        }

        string name = parse.GetValue(_global.Name) ?? DefaultName;
        if (FileNameRules.Check(name) is { } nameProblem)
        {
            problems.Add($"--name: {nameProblem} — expected letters, digits, '-', '_', '.', e.g. --name locking_4w");
        }

        string output = parse.GetValue(_global.Output) ?? ".";
        if (OutputFolder.Check(output) is { } folderProblem)
        {
            problems.Add(folderProblem);
        }

        if (problems.Count > 0 || options is null)
        {
            return UserError.Report(_stderr, problems);
        }

        if (OutputFolder.Prepare(output, _stderr) is { } prepareProblem)
        {
            return UserError.Report(_stderr, [prepareProblem]);
        }

        using var interruption = new Interruption(_stderr);
        bool progress = !parse.GetValue(_global.Quiet) && !Console.IsErrorRedirected;
        var results = new List<LockingResult>();
        foreach (LockingMode mode in modes)
        {
            if (interruption.Token.IsCancellationRequested)
            {
                break;
            }

            if (progress)
            {
                _stderr.WriteLine($"running {mode.ToString().ToLowerInvariant()} mode for {options.Duration.TotalSeconds:0.###} s…");
            }

            results.Add(new LockingRun(options, mode).Run(interruption.Token));
        }

        _stdout.Write(LockingSummary.Format(results));
        foreach (ChartRenderer.Chart chart in LockingChartRenderer.RenderAll(results, name))
        {
            _stdout.WriteLine(OutputFile.Write(Path.Combine(output, chart.FileName), chart.Png));
        }

        _stdout.WriteLine(OutputFile.Write(Path.Combine(output, $"{name}.json"), LockingJsonReport.Serialize(results) + "\n"));
        return interruption.ExitCode ?? ExitCodes.Success;
    }
}
