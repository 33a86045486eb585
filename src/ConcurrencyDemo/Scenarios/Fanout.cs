namespace ConcurrencyDemo.Scenarios;

/// <summary>
/// <c>--fanout K</c> or <c>--fanout K/Q</c>: each request calls <paramref name="Calls"/> endpoints at once
/// (round robin from its own position) and completes when <paramref name="Quorum"/> of them have
/// answered — all of them by default. A request meets the slowest call it waits for: with a share p
/// of slow calls, 1 − (1 − p)^K of requests that wait for all K are slow (Dean and Barroso, 2013).
/// </summary>
public sealed record Fanout(int Calls, int Quorum)
{
    /// <summary>One call per request: no fan-out.</summary>
    public static readonly Fanout None = new(1, 1);

    /// <summary>As written on the command line.</summary>
    public override string ToString() => Quorum == Calls ? $"{Calls}" : $"{Calls}/{Quorum}";
}
