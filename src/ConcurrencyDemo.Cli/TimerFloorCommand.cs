using System.CommandLine;
using System.Globalization;
using ConcurrencyDemo.Reporting;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;

namespace ConcurrencyDemo.Cli;

/// <summary>The <c>timer-floor</c> command: how late this machine wakes a sleeping thread, beside the tool's own timers.</summary>
internal static class TimerFloorCommand
{
    private const int DefaultWaits = 1000;
    private const int MaxWaits = 100_000;
    private static readonly TimeSpan s_defaultInterval = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan s_maxInterval = TimeSpan.FromSeconds(1);

    private static readonly Option<string?> s_waits = new("--waits")
    {
        Description = $"Waits per kind, 10 to {MaxWaits}. Default: {DefaultWaits}",
        HelpName = "N",
    };

    private static readonly Option<string?> s_interval = new("--interval")
    {
        Description = "How long each wait lasts, 10us to 1s, e.g. 200us or 20ms. Default: 1ms",
        HelpName = "DURATION",
    };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command(
            "timer-floor",
            "Measures the machine's timer floor: how late the kernel wakes a thread alone from a short sleep, beside the tool's precise timer and .NET's timers on the same waits. A run's \"Instrument:\" lines near the floor mean the lateness is the machine's, not the tool's. Takes about 10 s. e.g.\n" +
            "  concurrency-demo-benchmarks timer-floor --waits 2000");
        command.Options.Add(s_waits);
        command.Options.Add(s_interval);
        command.SetAction(parse =>
        {
            var problems = new List<string>();
            string waitsText = parse.GetValue(s_waits) ?? DefaultWaits.ToString(CultureInfo.InvariantCulture);
            if (!int.TryParse(waitsText, NumberStyles.None, CultureInfo.InvariantCulture, out int waits) || waits is < 10 or > MaxWaits)
            {
                problems.Add($"--waits: \"{waitsText}\" — expected a whole number from 10 to {MaxWaits}, e.g. --waits 2000");
            }

            TimeSpan interval = s_defaultInterval;
            if (parse.GetValue(s_interval) is string intervalText
                && (!DurationParser.TryParse(intervalText, out interval, out _) || interval < TimeSpan.FromMicroseconds(10) || interval > s_maxInterval))
            {
                problems.Add($"--interval: \"{intervalText}\" — expected a duration from 10us to 1s, e.g. --interval 1ms");
            }

            if (problems.Count > 0)
            {
                return UserError.Report(stderr, problems);
            }

            TimerFloorReport report = TimerFloor.Measure(waits, interval, wait => stderr.WriteLine($"measuring {wait} …"), CancellationToken.None);
            stdout.Write(TimerFloorText.Format(report));
            return ExitCodes.Success;
        });
        return command;
    }
}
