using System.Runtime.InteropServices;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into cancellation of the run, so that what was measured is
/// still written, marked partial, and the process exits 130 or 143. A second signal ends the
/// process at once with the first signal's exit code.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TextWriter _stderr;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _exitCode;

    public Interruption(TextWriter stderr)
    {
        _stderr = stderr;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, ExitCodes.Interrupted));
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, ExitCodes.Terminated));
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code the signal asks for, or null when the run was not interrupted.</summary>
    public int? ExitCode
    {
        get
        {
            int code = Volatile.Read(ref _exitCode);
            return code == 0 ? null : code;
        }
    }

    private void Handle(PosixSignalContext context, int exitCode)
    {
        // Keep the default action (ending the process) from happening: we end it ourselves.
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) != 0)
        {
            // Second signal: the user does not want to wait for the grace period or the files.
            _stderr.WriteLine($"{UserError.Tool}: interrupted again — quitting without writing results");
            _stderr.Flush();
            Environment.Exit(Volatile.Read(ref _exitCode));
            return;
        }

        _stderr.WriteLine(Message(exitCode));
        _cancel.Cancel();
    }

    /// <summary>What the first signal prints; only a Ctrl+C user is told about Ctrl+C.</summary>
    internal static string Message(int exitCode)
    {
        bool terminated = exitCode == ExitCodes.Terminated;
        string what = terminated ? "terminated (SIGTERM)" : "interrupted";
        string again = terminated ? "a second signal quits at once" : "Ctrl+C again quits at once";
        return $"{UserError.Tool}: {what} — stopping the load, waiting up to {Engines.CancelGrace.Duration.TotalSeconds:0} s for requests in flight, then writing partial results ({again})";
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cancel.Dispose();
    }
}
