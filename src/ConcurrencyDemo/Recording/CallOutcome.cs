namespace ConcurrencyDemo.Recording;

/// <summary>How one call to an upstream endpoint ended.</summary>
public enum CallOutcome
{
    /// <summary>Answered in time (with the http transport: a 2xx response, read in full).</summary>
    Succeeded,

    /// <summary>No answer before the timeout; the caller was held for the timeout.</summary>
    TimedOut,

    /// <summary>Http transport: nothing listens there (the connection was refused).</summary>
    Refused,

    /// <summary>Http transport: the connection was reset or closed before a full answer.</summary>
    Reset,

    /// <summary>Http transport: any other failure, e.g. a non-2xx status.</summary>
    Failed,
}
