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
