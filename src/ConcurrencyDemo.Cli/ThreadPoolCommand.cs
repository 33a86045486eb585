using System.CommandLine;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// The <c>threadpool</c> mode: blocking work items on the process's own .NET ThreadPool. Its options
/// follow the mode word, like sync's --threads; the global options come before it.
/// </summary>
internal static class ThreadPoolCommand
{
    public static Option<BlockKind> Block { get; } = new("--block")
    {
        HelpName = "result|sleep|poll",
        Description = "How each work item blocks on its call. result: .GetAwaiter().GetResult() on an awaited call (sync over async; .NET sees the wait and adds threads faster); sleep: a blocking wait .NET cannot see (starvation detection adds about one thread a second; hill climbing may add more or hold it off); poll: starts an awaited call and sleeps 10 ms at a time until it completes (the .NET diagnostics tutorial's tasksleepwait: the sleeps are unseen, and the call's completion needs a free pool thread too). Default: result",
        CustomParser = result => EnumArgument.Parse(result, "--block", BlockKind.Result),
    };

    public static Option<string?> MinThreads { get; } = new("--min-threads")
    {
        Description = $"The pool's minimum worker threads for the run (ThreadPool.SetMinThreads; restored after), 1 to {ThreadPoolSettings.MaxPossibleThreads}. Default: the core count, as .NET's",
        HelpName = "N",
    };

    public static Option<string?> MaxThreads { get; } = new("--max-threads")
    {
        Description = $"The pool's maximum worker threads for the run (ThreadPool.SetMaxThreads; restored after), from --min-threads to {ThreadPoolSettings.MaxPossibleThreads}. Default: {ThreadPoolSettings.MaxPossibleThreads}, .NET's",
        HelpName = "N",
    };

    public static Command Build(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(
            "threadpool",
            "Blocking I/O on the process's own .NET ThreadPool: each request is a work item that blocks its pool thread for the call; the pool starts at its minimum and injects threads slowly.");
        command.Options.Add(Block);
        command.Options.Add(MinThreads);
        command.Options.Add(MaxThreads);
        command.SetAction(parse => new RunCommand(options, parse, stdout, stderr).Execute(
            EngineKind.ThreadPool,
            builder =>
            {
                builder.Block = parse.GetValue(Block);
                builder.PoolMinThreads = parse.GetValue(MinThreads);
                builder.PoolMaxThreads = parse.GetValue(MaxThreads);
            }));
        return command;
    }
}
