namespace ConcurrencyDemo.Reproduction;

/// <summary>How a <see cref="Verdict"/> reads in the reports and the progress lines.</summary>
public static class VerdictText
{
    /// <summary>The verdict in words.</summary>
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Matches => "matches",
        Verdict.Differs => "differs",
        Verdict.SameDirection => "same direction, different size",
        _ => "not run",
    };
}
