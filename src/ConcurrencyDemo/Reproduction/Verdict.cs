namespace ConcurrencyDemo.Reproduction;

/// <summary>How our figure compares with the article's.</summary>
public enum Verdict
{
    /// <summary>Within the stated tolerance of the article's figure (or the same behaviour).</summary>
    Matches,

    /// <summary>Outside the tolerance; the reason says why.</summary>
    Differs,

    /// <summary>The article's effect shows, in the same direction, but its size is outside the tolerance; the reason says why.</summary>
    SameDirection,

    /// <summary>Not measured in this run; the reason says how to run it.</summary>
    NotRun,
}
