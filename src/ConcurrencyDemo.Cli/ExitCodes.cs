namespace ConcurrencyDemo.Cli;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something went wrong that is not the user's fault.</summary>
    public const int Failure = 1;

    /// <summary>Bad input: nothing was run or written.</summary>
    public const int UserError = 2;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT); partial results were written.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped with SIGTERM (128 + SIGTERM); partial results were written.</summary>
    public const int Terminated = 143;
}
