using System.CommandLine;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>Builds the command tree and runs it. The original tool's form: global options, then the mode word.</summary>
internal static class CommandLine
{
    private const string Usage =
        "usage: concurrency-demo-benchmarks --rate RPS --num_req N --latency LIST [options] (sync --threads N | async); see --help";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = new CliOptions();
        RootCommand root = Build(options, stdout, stderr);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return UserError.Report(stderr, parse.Errors.Select(e => $"{e.Message} ({Usage})"));
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand Build(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "Models, measures and draws how blocking I/O on a fixed pool of threads and non-blocking async I/O " +
            "differ in throughput, latency overhead and fault tolerance. Global options come before the mode word, e.g.\n" +
            "  concurrency-demo-benchmarks --name sync_1k_20ms --rate 1000 --num_req 10000 --latency \"20ms*10\" sync --threads 50");
        foreach (Option option in options.Global)
        {
            root.Options.Add(option);
        }

        var sync = new Command("sync", "Blocking I/O: N dedicated threads take requests from one shared queue and block for each call.");
        sync.Options.Add(options.Threads);
        sync.SetAction(parse => new RunCommand(options, parse, stdout, stderr).Execute(EngineKind.Sync));
        root.Subcommands.Add(sync);

        var async = new Command("async", "Non-blocking I/O: every request is awaited; no thread is held while waiting.");
        async.SetAction(parse => new RunCommand(options, parse, stdout, stderr).Execute(EngineKind.Async));
        root.Subcommands.Add(async);

        root.Subcommands.Add(LockingCommand.Create(options, stdout, stderr));

        return root;
    }
}
