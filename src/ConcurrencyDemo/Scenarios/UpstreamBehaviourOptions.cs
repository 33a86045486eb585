namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// Validation of the options that shape how upstreams behave over time and per call
/// (<c>--slowdown</c>, <c>--fanout</c>, latency distributions), kept apart from <see cref="ScenarioBuilder"/>.
/// </summary>
internal static class UpstreamBehaviourOptions
{
    public static IReadOnlyList<Slowdown> ParseSlowdowns(IReadOnlyList<string>? texts, int endpoints, TimeSpan lastDue, List<string> problems)
    {
        var slowdowns = new List<Slowdown>();
        foreach (string text in texts ?? [])
        {
            if (SlowdownParser.TryParse(text, endpoints, lastDue, out Slowdown slowdown, out string error))
            {
                slowdowns.Add(slowdown);
            }
            else
            {
                problems.Add(error);
            }
        }

        return slowdowns;
    }

    public static Fanout ParseFanout(string? text, int endpoints, List<string> problems)
    {
        if (text is null)
        {
            return Fanout.None;
        }

        if (!FanoutParser.TryParse(text, endpoints, out Fanout fanout, out string error))
        {
            problems.Add(error);
        }

        return fanout;
    }

    /// <summary>The valid form of --upstream-capacity.</summary>
    public const string UpstreamCapacityForm = "calls each endpoint serves at once, a whole number from 1 to 1000000, e.g. --upstream-capacity 5 (--transport model only)";

    public static int? ParseUpstreamCapacity(string? text, TransportKind transport, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int capacity) || capacity is < 1 or > 1_000_000)
        {
            problems.Add($"--upstream-capacity: \"{text}\" is not valid — expected {UpstreamCapacityForm}");
            return null;
        }

        if (transport == TransportKind.Http)
        {
            problems.Add("--upstream-capacity queues calls in the model's endpoints; the loopback servers have no such limit — expected --transport model with it, e.g. --upstream-capacity 5 --transport model");
            return null;
        }

        return capacity;
    }

    /// <summary>Servers the tool did not start follow neither a distribution nor a slowdown schedule of ours.</summary>
    public static void CheckTransport(TransportKind transport, bool userUpstreams, IReadOnlyList<LatencyDistribution> distributions, IReadOnlyList<Slowdown> slowdowns, Fanout fanout, List<string> problems)
    {
        if (transport != TransportKind.Http)
        {
            return;
        }

        if (userUpstreams && (slowdowns.Count > 0 || distributions.Any(d => !d.IsFixed)))
        {
            problems.Add("--slowdown and latency distributions shape the tool's own loopback servers; servers given with --upstream follow their own latency — expected no --upstream with them, or fixed --latency values without --slowdown, e.g. --latency \"20ms*2\"");
        }

        if (fanout != Fanout.None)
        {
            problems.Add("--fanout runs on --transport model only (both clocks) — expected no --transport http with --fanout, e.g. --fanout 10 --transport model");
        }
    }
}
