using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Reproduction;
using Spectre.Console;

namespace ConcurrencyDemo.Cli;

/// <summary>The reproduction's summary on the console: one row per experiment, id, article, ours and verdict.</summary>
internal static class ReproductionConsoleTable
{
    // Wide enough for the figures not to wrap word by word when stdout is a file or a pipe.
    private const int RedirectedWidth = 160;

    public static void Write(ReproductionReport report, TextWriter stdout)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        if (!ReferenceEquals(stdout, Console.Out) || Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        var table = new Table().Border(TableBorder.Simple).Title(report.Interrupted ? "The article, re-measured (PARTIAL: interrupted)" : "The article, re-measured");
        table.AddColumn(new TableColumn("id").Width(24));
        table.AddColumn("article");
        table.AddColumn("ours");
        table.AddColumn("verdict");
        foreach (ExperimentResult x in report.Experiments)
        {
            table.AddRow(
                new Text($"{x.Id}\n{x.Title}"),
                new Text(x.Article),
                new Text(x.Ours),
                new Text($"{VerdictText.Of(x.Verdict)}: {x.Why}"));
        }

        console.Write(table);
    }
}
