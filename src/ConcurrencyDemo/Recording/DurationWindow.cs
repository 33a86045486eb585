namespace ConcurrencyDemo.Recording;

/// <summary>
/// A closed loop run for a fixed time (<c>--duration</c>), as bombardier and wrk report one: requests
/// per second are the answers that came back within the window over its length; the mean latency is
/// over every request sent in it, including those that were still in flight at its end (they finish,
/// and count, as in bombardier).
/// </summary>
/// <param name="Duration">How long the loop sent requests.</param>
/// <param name="Sent">Requests sent within it.</param>
/// <param name="AnsweredWithin">Answers (successes and failures) that came back by its end.</param>
/// <param name="Answered">Answers in all, the late ones included.</param>
/// <param name="MeanLatency">
/// Mean time from each request's start (its send, or with <c>--rate</c> when it was due) to its answer,
/// over <paramref name="Answered"/>; null when nothing was answered.
/// </param>
public sealed record DurationWindow(TimeSpan Duration, long Sent, long AnsweredWithin, long Answered, TimeSpan? MeanLatency)
{
    /// <summary>Answers within the window per second of it.</summary>
    public double RequestsPerSecond => AnsweredWithin / Duration.TotalSeconds;
}
