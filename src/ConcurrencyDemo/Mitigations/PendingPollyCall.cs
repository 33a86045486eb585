using System.Threading.Tasks.Sources;
using Polly;

namespace ConcurrencyDemo.Mitigations;

/// <summary>
/// One call in flight inside a Polly pipeline, driven from outside: the pipeline's callback returns
/// <see cref="Begin"/>'s pending ValueTask, and <see cref="Complete"/> finishes it when the call ends,
/// which runs Polly's continuation inline (it records the outcome at its TimeProvider's now). Reused.
/// </summary>
internal sealed class PendingPollyCall : IValueTaskSource<Outcome<bool>>
{
    /// <summary>The callback every call gives the pipeline: the call's own pending ValueTask.</summary>
    public static readonly Func<ResilienceContext, PendingPollyCall, ValueTask<Outcome<bool>>> Callback = static (_, call) => call.Begin();

    private ManualResetValueTaskSourceCore<Outcome<bool>> _core = new() { RunContinuationsAsynchronously = false };

    /// <summary>The pipeline's execution of this call, pending until <see cref="Complete"/>.</summary>
    public ValueTask<Outcome<bool>> Execution { get; set; }

    /// <summary>The context the pipeline runs this call with (from Polly's pool).</summary>
    public ResilienceContext? Context { get; set; }

    /// <summary>A ValueTask that completes when <see cref="Complete"/> is called.</summary>
    public ValueTask<Outcome<bool>> Begin() => new(this, _core.Version);

    /// <summary>Ends the call: Polly's continuation runs now, on this thread, and the execution completes.</summary>
    public Outcome<bool> Complete(bool succeeded)
    {
        _core.SetResult(Outcome.FromResult(succeeded));
        if (!Execution.IsCompleted)
        {
            throw new InvalidOperationException("Polly's pipeline did not complete inline when its callback did.");
        }

        Outcome<bool> outcome = Execution.Result;
        Execution = default;
        _core.Reset();
        return outcome;
    }

    Outcome<bool> IValueTaskSource<Outcome<bool>>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<Outcome<bool>>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<Outcome<bool>>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
