using System.CommandLine;
using System.CommandLine.Parsing;
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

        // '@file' would otherwise be read as a response file, so "--name @x" would fail with a
        // confusing "Response file not found" instead of our name check.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        List<string> problems = Problems(parse, options);
        if (problems.Count > 0)
        {
            return UserError.Report(stderr, problems);
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>Turns System.CommandLine's errors into ours: one line per problem, each with the valid form.</summary>
    private static List<string> Problems(ParseResult parse, CliOptions options)
    {
        var problems = new List<string>();
        // Errors inside another command (locking, sweep, …) point at that command's own help.
        string usage = parse.CommandResult.Command is { } command && command is not RootCommand && command.Name is not ("sync" or "async")
            ? $"usage: see concurrency-demo-benchmarks {command.Name} --help"
            : Usage;
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        foreach (string token in parse.UnmatchedTokens)
        {
            problems.Add(token.StartsWith('-') && token.Length > 1
                ? $"unknown option \"{UserError.Printable(token)}\" — expected one of the options in --help, global options before the mode word ({usage})"
                : usage == Usage
                    ? $"unexpected \"{UserError.Printable(token)}\" — expected the mode word sync or async after the options ({usage})"
                    : $"unexpected \"{UserError.Printable(token)}\" ({usage})");
        }

        // An option given without its value (e.g. a trailing "--rate") must not silently keep an
        // earlier value or the default.
        var valueMissing = new HashSet<Option>();
        IReadOnlyList<Token> tokens = parse.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.Option
                && options.Valued.FirstOrDefault(o => o.Name == tokens[i].Value || o.Aliases.Contains(tokens[i].Value)) is { } option
                && (i + 1 == tokens.Count || tokens[i + 1].Type != TokenType.Argument))
            {
                if (valueMissing.Add(option))
                {
                    problems.Add($"{option.Name}: missing its value — expected {option.Name} {option.HelpName} ({usage})");
                }
            }
        }

        bool modeMissing = parse.CommandResult.Command is RootCommand && !IsHelpOrVersion(parse);
        foreach (ParseError error in parse.Errors)
        {
            if (unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)))
            {
                continue; // already reported above, in our words
            }

            if (error.SymbolResult is OptionResult optionResult && valueMissing.Contains(optionResult.Option))
            {
                continue; // reported above
            }

            if (error.SymbolResult is CommandResult { Command: RootCommand })
            {
                continue; // the missing mode, reported once below
            }

            problems.Add($"{error.Message.TrimEnd('.')} ({usage})");
        }

        if (modeMissing && problems.Count == 0)
        {
            // "--latency async" reads "async" as the latency: say so rather than only "missing mode".
            Token? eaten = tokens.FirstOrDefault(t => t.Type == TokenType.Argument && t.Value is "sync" or "async");
            string hint = eaten is null ? "" : $"; \"{eaten.Value}\" was read as the value of the option before it, which is missing its own value";
            problems.Add($"missing the mode — expected sync --threads N or async after the options{hint} ({usage})");
        }

        return problems;
    }

    private static bool IsHelpOrVersion(ParseResult parse) =>
        parse.Action is not null && parse.Tokens.Any(t => t.Value is "--help" or "-h" or "-?" or "--version");

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

        root.Subcommands.Add(MemoryCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(SweepCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(CompareCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(ReproduceCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(MemoryProbeCommand.Build(stdout));
        root.Subcommands.Add(LockingCommand.Create(options, stdout, stderr));

        return root;
    }
}
