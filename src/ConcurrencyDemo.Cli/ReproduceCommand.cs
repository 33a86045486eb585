using System.CommandLine;
using System.Globalization;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Reproduction;
using Spectre.Console;

namespace ConcurrencyDemo.Cli;

/// <summary>The <c>reproduce</c> command: every experiment of the article, re-measured, in report.html and report.md.</summary>
internal sealed class ReproduceCommand(CliOptions options, ParseResult parse, TextWriter stdout, TextWriter stderr)
{
    private static readonly Option<bool> s_quick = new("--quick")
    {
        Description = "Fewer requests on the real clock: a few minutes in all",
    };

    private static readonly Option<bool> s_virtualOnly = new("--virtual-only")
    {
        Description = "Only the virtual clock and the memory probes (seconds; for a first look and for tests)",
    };

    public static Command Build(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(
            "reproduce",
            "Re-measures the article's experiments E1–E9 (and E11, .NET's ThreadPool; E12, mitigations on E3; E13, a metastable failure; E14, the tail at scale) on this machine and writes report.html (self-contained) and report.md into --output, " +
            "each experiment beside the article's figure and the theory. e.g. concurrency-demo-benchmarks --output out reproduce --quick");
        command.Options.Add(s_quick);
        command.Options.Add(s_virtualOnly);
        command.SetAction(parse => new ReproduceCommand(options, parse, stdout, stderr).Execute());
        return command;
    }

    private int Execute()
    {
        string output = parse.GetValue(options.Output) ?? ".";
        if (OutputFolder.Prepare(output, stderr) is { } folderProblem)
        {
            return UserError.Report(stderr, [folderProblem]);
        }

        var reproductionOptions = new ReproductionOptions(parse.GetValue(s_quick), parse.GetValue(s_virtualOnly));
        // Bold experiment ids only on a terminal: escape codes in a log file or pipe are noise.
        bool terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr), Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No });
        bool quiet = parse.GetValue(options.Quiet);
        void Progress(string id, string message)
        {
            if (!quiet)
            {
                console.MarkupLine($"[bold]{id}[/] {Markup.Escape(message)}");
            }
        }

        using var interruption = new Interruption(stderr);
        var reproduction = new ArticleReproduction(
            reproductionOptions,
            (threads, requests) => MemoryCommand.Measure(threads, requests),
            () => MicroBenchmarkResults.FindLatest(Directory.GetCurrentDirectory()),
            Progress);
        ReproductionReport report;
        try
        {
            report = reproduction.Run(Machine(), interruption.Token);
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"{UserError.Tool}: {e.Message.ReplaceLineEndings(" ")} — no report written");
            return ExitCodes.Failure;
        }

        // The report carries the time it was made; the library never reads the clock for that.
        string generatedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        ReproductionConsoleTable.Write(report, stdout);
        stdout.WriteLine(OutputFile.Write(Path.Combine(output, "report.html"), HtmlReport.Render(report, generatedAt)));
        stdout.WriteLine(OutputFile.Write(Path.Combine(output, "report.md"), MarkdownReport.Render(report, generatedAt)));
        stdout.WriteLine(OutputFile.Write(Path.Combine(output, "report.json"), ReproductionJsonReport.Serialize(report, generatedAt)));
        return interruption.ExitCode ?? ExitCodes.Success;
    }

    private static string Machine()
    {
        string cpu = "unknown CPU";
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            cpu = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        return $"{Environment.ProcessorCount} cores, {cpu}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
