using System.CommandLine;
using System.CommandLine.Help;
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
        (ParseResult parse, List<string> problems) = Parse(args, options, stdout, stderr);
        if (parse.Action is HelpAction)
        {
            ShowOnlyOwnOptions(parse.CommandResult.Command, options);
        }

        if (problems.Count > 0)
        {
            return UserError.Report(stderr, problems);
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// Parses <paramref name="args"/> with the tool's command tree and lists its problems in the tool's
    /// words, running nothing: the one way arguments are read, for the command line and the playground.
    /// </summary>
    internal static (ParseResult Parse, List<string> Problems) Parse(string[] args, CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        RootCommand root = Build(options, stdout, stderr);

        // '@file' would otherwise be read as a response file, so "--name @x" would fail with a
        // confusing "Response file not found" instead of our name check.
        ParseResult parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        return (parse, Problems(parse, options, args));
    }

    /// <summary>Turns System.CommandLine's errors into ours: one line per problem, each with the valid form.</summary>
    private static List<string> Problems(ParseResult parse, CliOptions options, string[] args)
    {
        var problems = new List<string>();
        Command command = parse.CommandResult.Command;
        // Errors inside another command (locking, sweep, …) point at that command's own help.
        string usage = command is not RootCommand && command.Name is not ("sync" or "async" or "threadpool")
            ? $"usage: see concurrency-demo-benchmarks {command.Name} --help"
            : Usage;
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);

        // The word after an unknown option is most likely its value ("--latencyy 20ms"): one problem, not two.
        var valuesOfUnknown = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (IsOptionLike(args[i]) && unmatched.Contains(args[i]) && !IsOptionLike(args[i + 1]) && unmatched.Contains(args[i + 1]))
            {
                valuesOfUnknown.Add(args[i + 1]);
            }
        }

        foreach (string token in parse.UnmatchedTokens)
        {
            if (valuesOfUnknown.Contains(token))
            {
                continue;
            }

            problems.Add(IsOptionLike(token)
                ? $"unknown option \"{UserError.Printable(token)}\" — {Suggestion(token, command, options)} ({usage})"
                : usage == Usage
                    ? $"unexpected \"{UserError.Printable(token)}\" — expected the mode word sync or async after the options ({usage})"
                    : $"unexpected \"{UserError.Printable(token)}\" ({usage})");
        }

        if (command is not RootCommand && !IsHelpOrVersion(parse))
        {
            IReadOnlySet<Option> allowed = options.AllowedFor(command.Name);
            foreach (Option option in options.Global.Where(o => !allowed.Contains(o) && parse.GetResult(o) is { Implicit: false }))
            {
                string own = string.Join(", ", allowed.Concat(command.Options.Where(o => !o.Hidden && o is not HelpOption)).Select(o => o.Name));
                problems.Add($"{option.Name} does not apply to {command.Name} — {command.Name} takes {(own.Length == 0 ? "no options" : own)} ({usage})");
            }
        }

        if (command.Name == "sync" && parse.GetResult(options.Threads) is null && !IsHelpOrVersion(parse))
        {
            problems.Add($"--threads: missing — sync needs the size of its thread pool, e.g. sync --threads 50 ({Usage})");
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

            // By name: compare's --threads is its own option, not the one the value check found.
            if (error.SymbolResult is OptionResult optionResult && valueMissing.Any(o => o.Name == optionResult.Option.Name))
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

    private static bool IsOptionLike(string token) => token.StartsWith('-') && token.Length > 1;

    /// <summary>"did you mean --latency?" for the closest option the command takes, else where to look.</summary>
    private static string Suggestion(string token, Command command, CliOptions options)
    {
        IEnumerable<Option> known = command is RootCommand
            ? options.Global
            : options.AllowedFor(command.Name).Concat(command.Options);
        string typed = token.Split('=', 2)[0];
        (string Name, int Distance) best = known
            .SelectMany(o => o.Aliases.Append(o.Name))
            .Where(n => n.StartsWith("--", StringComparison.Ordinal))
            .Select(n => (n, Distance(typed, n)))
            .OrderBy(c => c.Item2)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, typed.Length / 4)
            ? $"did you mean {best.Name}?"
            : "expected one of the options in --help, global options before the mode word";
    }

    /// <summary>Levenshtein distance: how many single-character edits turn one word into the other.</summary>
    private static int Distance(string a, string b)
    {
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int[] current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// A command's --help lists the root options it accepts and hides the rest (they are recursive so
    /// that they can be typed before the command word, and System.CommandLine would list them all).
    /// </summary>
    private static void ShowOnlyOwnOptions(Command command, CliOptions options)
    {
        if (command is RootCommand)
        {
            return;
        }

        IReadOnlySet<Option> allowed = options.AllowedFor(command.Name);
        foreach (Option option in options.Global)
        {
            option.Hidden = !allowed.Contains(option);
        }

        if (command.Name == "sweep")
        {
            options.Clock.Description = CliOptions.ClockDescription + "virtual";
        }
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

        root.Subcommands.Add(ThreadPoolCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(MemoryCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(SweepCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(CompareCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(ReproduceCommand.Build(options, stdout, stderr));
        root.Subcommands.Add(MemoryProbeCommand.Build(stdout));
        root.Subcommands.Add(LockingCommand.Create(options, stdout, stderr));
        root.Subcommands.Add(ServeCommand.Build(stdout, stderr));
        root.Subcommands.Add(TimerFloorCommand.Build(stdout, stderr));

        return root;
    }
}
