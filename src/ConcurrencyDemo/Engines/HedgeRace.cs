using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// The two calls of a hedged request, as the policy must hear of them: each end once, until one
/// succeeds; then the other, if still out, is abandoned at that moment and its later end is ignored.
/// The two calls may end on different threads at once, hence the lock.
/// </summary>
internal sealed class HedgeRace(EndpointPolicy policy, Request first)
{
    private readonly Lock _lock = new();
    private readonly Request[] _calls = [first, default];
    private readonly bool[] _out = [true, false];
    private bool _answered;

    /// <summary>The hedged call went out.</summary>
    public void Started(Request hedge)
    {
        lock (_lock)
        {
            _calls[1] = hedge;
            _out[1] = !_answered;
            if (_answered)
            {
                policy.Abandoned(hedge.Endpoint, 0); // answered meanwhile: never counted as outstanding for long
            }
        }
    }

    /// <summary>Call <paramref name="index"/> (0 the first, 1 the hedge) ended with <paramref name="result"/>.</summary>
    public void Ended(int index, CallResult result)
    {
        lock (_lock)
        {
            if (!_out[index])
            {
                return; // abandoned when the other answered, and counted then
            }

            _out[index] = false;
            policy.Completed(result.Call, result.Outcome, result.End);
            if (result.Outcome != CallOutcome.Succeeded)
            {
                return;
            }

            _answered = true;
            int other = 1 - index;
            if (_out[other])
            {
                _out[other] = false;
                policy.Abandoned(_calls[other].Endpoint, result.End.Ticks);
            }
        }
    }
}
