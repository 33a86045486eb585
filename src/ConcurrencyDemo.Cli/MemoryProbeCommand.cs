using System.CommandLine;
using System.Globalization;
using ConcurrencyDemo.Memory;

namespace ConcurrencyDemo.Cli;

/// <summary>The hidden subcommand a child process runs: hold N threads or pending requests, print one line of figures.</summary>
internal static class MemoryProbeCommand
{
    public const string Name = "__memory-probe";

    public static Command Build(TextWriter stdout)
    {
        var kind = new Argument<string>("kind");
        var count = new Argument<int>("count");
        var command = new Command(Name, "Internal: measures memory while holding N threads or pending async requests.") { Hidden = true };
        command.Arguments.Add(kind);
        command.Arguments.Add(count);
        command.SetAction(parse =>
        {
            MemoryProbeKind probeKind = parse.GetValue(kind) == "threads" ? MemoryProbeKind.BlockedThreads : MemoryProbeKind.PendingAsync;
            MemorySample s = MemoryProbe.Measure(probeKind, parse.GetValue(count));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.VirtualBytes} {s.ResidentBytes} {s.PeakResidentBytes} {s.Threads}"));
            return ExitCodes.Success;
        });
        return command;
    }

    public static MemorySample ParseLine(MemoryProbeKind kind, int count, string line)
    {
        long[] v = line.Trim().Split(' ').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return new MemorySample(kind, count, v[0], v[1], v[2], (int)v[3]);
    }
}
