using System.CommandLine;
using System.Text.RegularExpressions;
using ConcurrencyDemo.Playground;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// The playground's fields are the <c>compare</c> command's options: the controls are drawn from the
/// option tree, and the fields are read by turning them into arguments and parsing those exactly as
/// the command line does, so a bad value gets the command line's own message.
/// </summary>
internal sealed partial class PlaygroundOptions : IPlaygroundScenarios
{
    /// <summary>The article's E3: ten upstreams, one dead; where sync collapses and async holds.</summary>
    public const string E3Query = "rate=1000&num_req=10000&latency=20ms*9,30s&threads=50";

    public PlaygroundOptions()
    {
        var options = new CliOptions();
        HashSet<string> left = Excluded(options);
        IEnumerable<Option> offered = options.Global
            .Where(o => options.AllowedFor("compare").Contains(o) && !left.Contains(o.Name))
            .Concat(CompareCommand.OwnOptions);
        Controls = offered.Select(Control).ToList();
    }

    public IReadOnlyList<PlaygroundControl> Controls { get; }

    public string StartQuery => E3Query;

    public PlaygroundScenarios Read(IReadOnlyList<KeyValuePair<string, string>> fields, ClockKind clock)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var problems = new List<PlaygroundProblem>();
        var global = new List<string>();
        var own = new List<string>();
        var shown = new List<string>();
        var ownShown = new List<string>();
        foreach ((string key, string value) in fields)
        {
            PlaygroundControl control = Controls.Single(c => c.Key == key);
            bool isOwn = CompareCommand.OwnOptions.Any(o => o.Name == control.Option);
            List<string> args = isOwn ? own : global;
            List<string> words = isOwn ? ownShown : shown;
            if (control.Kind == PlaygroundControlKind.Switch)
            {
                if (value is "" or "true")
                {
                    args.Add(control.Option);
                    words.Add(control.Option);
                }
                else if (value != "false")
                {
                    problems.Add(new(key, $"{control.Option}: \"{value}\" — expected true or false"));
                }
            }
            else if (control.Kind == PlaygroundControlKind.OptionalValue && value.Length == 0)
            {
                args.Add(control.Option); // alone: the option's defaults
                words.Add(control.Option);
            }
            else
            {
                // One token, "--rate=VALUE": a value that looks like an option ("--help", "-1") or a
                // command word ("sync") stays the value of its option.
                args.Add($"{control.Option}={value}");
                words.Add(value.StartsWith('-') ? Quote($"{control.Option}={value}") : $"{control.Option} {Quote(value)}");
            }
        }

        if (problems.Count > 0)
        {
            return PlaygroundScenarios.Invalid(problems);
        }

        string clockWord = clock == ClockKind.Virtual ? "virtual" : "real";
        string[] argv = [.. global, "--clock", clockWord, "compare", .. own];
        string command = string.Join(' ', [UserError.Tool, .. shown, "--clock", clockWord, "compare", .. ownShown]);
        var options = new CliOptions();
        (ParseResult parse, List<string> parseProblems) = CommandLine.Parse(argv, options, TextWriter.Null, TextWriter.Null);
        if (parseProblems.Count > 0)
        {
            return PlaygroundScenarios.Invalid(parseProblems.Select(Problem).ToList()) with { Command = command };
        }

        try
        {
            (Scenario sync, Scenario async, _) = CompareCommand.Scenarios(options, parse);
            return new PlaygroundScenarios(sync, async, command, []);
        }
        catch (ScenarioException e)
        {
            return PlaygroundScenarios.Invalid(e.Problems.Select(Problem).ToList()) with { Command = command };
        }
    }

    /// <summary>A word as a POSIX shell reads it: bare when safe, else in single quotes.</summary>
    public static string Quote(string word) =>
        SafeWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // Options a page has no use for, each for a reason; any other option compare takes becomes a control.
    private static HashSet<string> Excluded(CliOptions o) =>
    [
        o.Name.Name, o.Output.Name,        // the playground writes no files
        o.Quiet.Name, o.PythonPath.Name,   // no terminal to keep quiet; ignored by the tool anyway
        o.Force.Name,                      // the playground's own limits stand, with no way around them
        o.Clock.Name,                      // the page simulates; the real clock has its own button
        o.Transport.Name, o.Timer.Name,    // real clock only: its button runs the defaults
        o.Upstream.Name,                   // would let a page make this machine call any address
    ];

    private PlaygroundProblem Problem(string message)
    {
        // "--rate: must be …", "--latency does not apply …": the field is the option the line starts with.
        PlaygroundControl? control = Controls
            .Where(c => message.StartsWith(c.Option, StringComparison.Ordinal) && message.Length > c.Option.Length && message[c.Option.Length] is ':' or ' ')
            .FirstOrDefault();
        return new PlaygroundProblem(control?.Key, UserError.Printable(message.ReplaceLineEndings(" ")));
    }

    private static PlaygroundControl Control(Option option)
    {
        string help = option.HelpName ?? "";
        PlaygroundControlKind kind =
            option is Option<bool> ? PlaygroundControlKind.Switch
            : option.Arity.MinimumNumberOfValues == 0 ? PlaygroundControlKind.OptionalValue
            : ChoiceList().IsMatch(help) ? PlaygroundControlKind.Choice
            : PlaygroundControlKind.Text;
        IReadOnlyList<string> choices = kind == PlaygroundControlKind.Choice ? help.Split('|') : [];
        return new PlaygroundControl(option.Name.TrimStart('-'), option.Name, help, option.Description ?? "", kind, choices, option is Option<string[]>);
    }

    [GeneratedRegex("^[a-z0-9-]+(\\|[a-z0-9-]+)+$")]
    private static partial Regex ChoiceList();

    [GeneratedRegex("^[A-Za-z0-9_.,:/@%+=-]+$")]
    private static partial Regex SafeWord();
}
