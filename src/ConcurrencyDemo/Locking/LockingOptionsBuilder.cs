using System.Globalization;
using ConcurrencyDemo.Scenarios;

namespace ConcurrencyDemo.Locking;

/// <summary>
/// Turns the command line's text into <see cref="LockingOptions"/>, reporting every problem at once
/// (each with the valid form) in a <see cref="ScenarioException"/>. Null means "use the default".
/// </summary>
public sealed class LockingOptionsBuilder
{
    public const int MaxWorkers = 256;
    public const int MaxQueueCapacity = 10_000_000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public string? Mode { get; init; }
    public string? Workers { get; init; }
    public string? Duration { get; init; }
    public string? WorkPerEvent { get; init; }
    public string? WriteLatency { get; init; }
    public string? SlowdownAt { get; init; }
    public string? SlowdownLatency { get; init; }
    public string? QueueCapacity { get; init; }

    /// <summary>The modes to run, in order: <c>both</c> (the default) is coarse, then owner.</summary>
    public IReadOnlyList<LockingMode> BuildModes()
    {
        return (Mode ?? "both").Trim().ToLowerInvariant() switch
        {
            "both" => [LockingMode.Coarse, LockingMode.Owner],
            "coarse" => [LockingMode.Coarse],
            "owner" => [LockingMode.Owner],
            _ => throw new ScenarioException($"--mode: \"{Mode}\" — expected coarse, owner or both"),
        };
    }

    /// <summary>Validates everything; throws <see cref="ScenarioException"/> listing every problem.</summary>
    public (LockingOptions Options, IReadOnlyList<LockingMode> Modes) Build()
    {
        var problems = new List<string>();
        IReadOnlyList<LockingMode> modes = [];
        try
        {
            modes = BuildModes();
        }
        catch (ScenarioException e)
        {
            problems.AddRange(e.Problems);
        }

        int workers = Integer("--workers", Workers, 4, 1, MaxWorkers, "e.g. --workers 4", problems);
        TimeSpan duration = Positive("--duration", Duration, TimeSpan.FromSeconds(3), MaxDuration, "e.g. --duration 3s", problems);
        TimeSpan work = NonNegative("--work", WorkPerEvent, TimeSpan.FromMilliseconds(6), "e.g. --work 6ms", problems);
        TimeSpan write = Positive("--write-latency", WriteLatency, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1), "e.g. --write-latency 1ms", problems);
        TimeSpan slowLatency = Positive("--slowdown-latency", SlowdownLatency, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), "e.g. --slowdown-latency 10ms", problems);

        TimeSpan? slowdownAt = TimeSpan.FromSeconds(1.5);
        if (SlowdownAt is not null && SlowdownAt.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            slowdownAt = null;
        }
        else if (SlowdownAt is not null)
        {
            if (!DurationParser.TryParse(SlowdownAt, out TimeSpan at, out string error))
            {
                problems.Add($"--slowdown-at: {error} — expected a time since the start, shorter than --duration, or none; e.g. --slowdown-at 1.5s");
            }
            else if (at <= TimeSpan.Zero || at >= duration)
            {
                problems.Add($"--slowdown-at: \"{SlowdownAt}\" is not inside the run (0, {Reporting.Units.ShortDuration(duration)}) — expected e.g. --slowdown-at 1.5s, or none");
            }

            slowdownAt = at;
        }
        else if (slowdownAt >= duration)
        {
            // The default slowdown falls outside a short run: place it half way.
            slowdownAt = duration / 2;
        }

        int? capacity = null;
        if (QueueCapacity is not null && !QueueCapacity.Trim().Equals("unbounded", StringComparison.OrdinalIgnoreCase))
        {
            capacity = Integer("--queue-capacity", QueueCapacity, 0, 1, MaxQueueCapacity, "or unbounded, e.g. --queue-capacity 100", problems);
        }

        if (problems.Count > 0)
        {
            throw new ScenarioException(problems);
        }

        return (new LockingOptions(workers, duration, work, write, slowdownAt, slowLatency, capacity), modes);
    }

    private static int Integer(string option, string? text, int fallback, int min, int max, string example, List<string> problems)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            problems.Add($"{option}: \"{text}\" — expected a whole number from {min} to {max}; {example}");
            return fallback;
        }

        return value;
    }

    private static TimeSpan Positive(string option, string? text, TimeSpan fallback, TimeSpan max, string example, List<string> problems)
    {
        TimeSpan value = NonNegative(option, text, fallback, example, problems);
        if (text is not null && (value <= TimeSpan.Zero || value > max))
        {
            problems.Add($"{option}: \"{text}\" — expected a duration above 0 and at most {Reporting.Units.ShortDuration(max)}; {example}");
            return fallback;
        }

        return value;
    }

    private static TimeSpan NonNegative(string option, string? text, TimeSpan fallback, string example, List<string> problems)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!DurationParser.TryParse(text, out TimeSpan value, out string error))
        {
            problems.Add($"{option}: {error} — expected {DurationParser.ValidForm}; {example}");
            return fallback;
        }

        return value;
    }
}
