using System.Runtime.InteropServices;

namespace ConcurrencyDemo.Cli;

/// <summary>
/// Turns Ctrl+C and SIGTERM into cancellation of the run, so that what was measured is still written
/// (marked partial). A second Ctrl+C ends the process at once.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _exitCode;

    public Interruption()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, ExitCodes.Interrupted));
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, ExitCodes.Terminated));
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code the signal asks for, or null when the run was not interrupted.</summary>
    public int? ExitCode => _exitCode == 0 ? null : _exitCode;

    private void Handle(PosixSignalContext context, int exitCode)
    {
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) != 0)
        {
            // Second signal: let the default action end the process now.
            context.Cancel = false;
            Environment.Exit(_exitCode);
            return;
        }

        context.Cancel = true;
        Console.Error.WriteLine($"{UserError.Tool}: interrupted — stopping the load and writing partial results (press Ctrl+C again to quit at once)");
        _cancel.Cancel();
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cancel.Dispose();
    }
}
