using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// A request's calls under an <see cref="EndpointPolicy"/> on the real clock: the endpoint each goes to
/// (or a fast fail), a hedged attempt after <see cref="EndpointPolicy.HedgeAfter"/> without an answer,
/// and retries after a failure. Shared by the sync and async engines; the virtual clock's
/// <see cref="MitigatedSimulation"/> follows the same rules event by event.
/// </summary>
internal sealed class PolicyCalls(IEndpointCaller caller, EndpointPolicy policy, UpstreamSchedule upstream, RunClock clock)
{
    /// <summary>The request's calls, blocking the calling thread until the answer that counts.</summary>
    public CallResult Call(Request request, CancellationToken abandon)
    {
        if (policy.HedgeAfter is not null)
        {
            // Two calls at once need awaiting: the thread waits for the pair, as behind a hedging proxy.
            return CallAsync(request, abandon).AsTask().GetAwaiter().GetResult();
        }

        policy.RequestStarted(clock.Elapsed.Ticks);
        int avoid = -1;
        for (int attempt = 0; ; attempt++)
        {
            CallResult result = Attempt(request with { Attempt = attempt }, avoid, abandon);
            if (result.Outcome == CallOutcome.Succeeded || !policy.TryRetry(attempt, result.End.Ticks))
            {
                return result;
            }

            avoid = result.Call.Endpoint;
        }
    }

    /// <summary>The request's calls, awaited.</summary>
    public async ValueTask<CallResult> CallAsync(Request request, CancellationToken abandon)
    {
        policy.RequestStarted(clock.Elapsed.Ticks);
        int avoid = -1;
        int attempt = 0;
        for (int retries = 0; ; retries++)
        {
            CallResult result;
            if (retries == 0 && policy.HedgeAfter is { } after)
            {
                result = await HedgedAsync(request, after, abandon).ConfigureAwait(false);
                attempt = 2;
            }
            else
            {
                result = await AttemptAsync(request with { Attempt = attempt++ }, avoid, abandon).ConfigureAwait(false);
            }

            if (result.Outcome == CallOutcome.Succeeded || !policy.TryRetry(retries, result.End.Ticks))
            {
                return result;
            }

            avoid = result.Call.Endpoint;
        }
    }

    private CallResult Attempt(Request request, int avoid, CancellationToken abandon)
    {
        if (!TryStart(request, avoid, out Request call))
        {
            return new CallResult(CallOutcome.Failed, clock.Elapsed, call);
        }

        // The blocking call: this thread is held until the endpoint answers, or the timeout.
        CallOutcome outcome = caller.Call(call, abandon);
        return Ended(call, outcome);
    }

    private async ValueTask<CallResult> AttemptAsync(Request request, int avoid, CancellationToken abandon)
    {
        if (!TryStart(request, avoid, out Request call))
        {
            return new CallResult(CallOutcome.Failed, clock.Elapsed, call);
        }

        CallOutcome outcome = await caller.CallAsync(call, abandon).ConfigureAwait(false);
        return Ended(call, outcome);
    }

    /// <summary>
    /// The first attempt and, if it has not answered after <paramref name="after"/>, a second to another
    /// endpoint. The first success answers; if both fail, the later failure does.
    /// </summary>
    /// <remarks>
    /// The losing call is abandoned, not cancelled: a cancelled timer wait would cancel every wait of the
    /// run, and a call on the wire is left to end on its own. The policy counts it as abandoned when the
    /// other answers, as <see cref="MitigatedSimulation"/> does, and ignores its end.
    /// </remarks>
    private async Task<CallResult> HedgedAsync(Request request, TimeSpan after, CancellationToken abandon)
    {
        if (!TryStart(request, avoid: -1, out Request primary))
        {
            return new CallResult(CallOutcome.Failed, clock.Elapsed, primary);
        }

        var race = new HedgeRace(policy, primary);
        Task<CallResult> first = RacingCallAsync(race, 0, primary, abandon);
        Task delay = clock.Timer.HoldAsync(after, abandon).AsTask();
        if (await Task.WhenAny(first, delay).ConfigureAwait(false) == first)
        {
            return await first.ConfigureAwait(false);
        }

        abandon.ThrowIfCancellationRequested();
        policy.Hedging();
        if (!TryStart(request with { Attempt = 1 }, primary.Endpoint, out Request hedge))
        {
            return await first.ConfigureAwait(false); // the hedge failed fast: the first call is all there is
        }

        race.Started(hedge);
        Task<CallResult> second = RacingCallAsync(race, 1, hedge, abandon);
        Task<CallResult> earlier = await Task.WhenAny(first, second).ConfigureAwait(false);
        CallResult answer = await earlier.ConfigureAwait(false);
        if (answer.Outcome != CallOutcome.Succeeded)
        {
            answer = await (earlier == first ? second : first).ConfigureAwait(false);
        }

        if (answer.Call.Attempt == 1 && answer.Outcome == CallOutcome.Succeeded)
        {
            policy.HedgeWon();
        }

        return answer;
    }

    private async Task<CallResult> RacingCallAsync(HedgeRace race, int index, Request call, CancellationToken abandon)
    {
        CallOutcome outcome = await caller.CallAsync(call, abandon).ConfigureAwait(false);
        var result = new CallResult(outcome, clock.Elapsed, call);
        race.Ended(index, result);
        return result;
    }

    private bool TryStart(Request request, int avoid, out Request call)
    {
        TimeSpan now = clock.Elapsed;
        if (!policy.TryRoute(request, now, avoid, out call))
        {
            return false; // failed fast by the breaker or bulkhead: no call is made
        }

        if (!upstream.IsFixed)
        {
            // The call goes out now, to the endpoint chosen: a slowdown window and the fan-out apply from here.
            call = upstream.AtCallTime(call, now);
        }

        return true;
    }

    private CallResult Ended(Request call, CallOutcome outcome)
    {
        TimeSpan end = clock.Elapsed;
        policy.Completed(call, outcome, end);
        return new CallResult(outcome, end, call);
    }
}
