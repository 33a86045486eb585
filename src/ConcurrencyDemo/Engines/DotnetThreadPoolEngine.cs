using ConcurrencyDemo.Mitigations;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>
/// Blocking I/O on the process's own .NET ThreadPool: each request is a work item that blocks its pool
/// thread for the call, either on an async call with <c>.GetAwaiter().GetResult()</c> (sync over
/// async, a wait the runtime sees and compensates for) or in a wait it cannot see. The pool starts
/// with its minimum threads and injects more slowly: that slowness is .NET's own starvation failure.
/// </summary>
/// <remarks>
/// Nothing of the tool's own runs on the pool while this engine runs: the pacer runs on the engine's
/// dedicated thread, the sampler and the recorder on threads of their own (a work item only hands its
/// outcome over). What runs on the pool is what a service would run there: the requests and, with
/// <see cref="BlockKind.Result"/>, each awaited call's completion, queued to the pool as Linux socket
/// completions are, so a blocked thread is released only when that completion gets a pool thread —
/// behind every request already queued.
/// </remarks>
/// <param name="settings">How requests block; the pool limits to set for the run (restored by <see cref="Dispose"/>).</param>
/// <param name="caller">How a call reaches an endpoint.</param>
/// <param name="policy">
/// The mitigations, applied by <see cref="PolicyCalls"/> as in the other engines: the work item holds its
/// thread for all of its request's calls; null: the workload's round robin.
/// </param>
internal sealed class DotnetThreadPoolEngine(ThreadPoolSettings settings, IEndpointCaller caller, EndpointPolicy? policy = null) : IRealClockEngine, IDisposable
{
    // Never disposed, as in the other engines: a late work item may still look at it.
    private readonly CancellationTokenSource _abandon = new();
    private (int Workers, int Io) _savedMin;
    private (int Workers, int Io) _savedMax;
    private bool _limitsSet;
    private ThreadPoolSampler? _sampler;
    // Outcomes go to a recorder thread of the engine's own: recording on a pool thread would count as the pool's work.
    private readonly System.Collections.Concurrent.BlockingCollection<(CallOutcome Outcome, TimeSpan IntendedStart, TimeSpan End, TimeSpan Latency)> _outcomes = [];
    private RunClock? _clock;
    private UpstreamSchedule? _upstream;
    private PolicyCalls? _policyCalls;
    private CancellationToken _stopped;
    private long _inFlight = 1; // the pacer's own reference, released when it is done
    private readonly TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// For the warm-up burst before a run: work items run on the pacer's thread, and the pool's limits
    /// are left alone. Run on the pool at the run's minimum, a sync-over-async burst starved it for
    /// seconds and handed the measured run a pool already grown (58 threads instead of 3).
    /// </summary>
    public bool WarmUpOffThePool { get; init; }

    /// <summary>No thread is dedicated to requests: they run on the shared pool.</summary>
    public int WorkerThreads => 0;

    /// <summary>The pool's samples of the run; empty before <see cref="Run"/> ended.</summary>
    public IReadOnlyList<ThreadPoolSample> Samples { get; private set; } = [];

    public void Start(CancellationToken cancellationToken)
    {
        if (WarmUpOffThePool)
        {
            return;
        }

        ThreadPool.GetMinThreads(out int minWorkers, out int minIo);
        ThreadPool.GetMaxThreads(out int maxWorkers, out int maxIo);
        _savedMin = (minWorkers, minIo);
        _savedMax = (maxWorkers, maxIo);
        _limitsSet = true;
        // .NET refuses a maximum below the current minimum and a minimum above the current maximum:
        // move the bound that makes room first.
        bool ok = settings.MaxThreads >= minWorkers
            ? ThreadPool.SetMaxThreads(settings.MaxThreads, maxIo) && ThreadPool.SetMinThreads(settings.MinThreads, minIo)
            : ThreadPool.SetMinThreads(settings.MinThreads, minIo) && ThreadPool.SetMaxThreads(settings.MaxThreads, maxIo);
        if (!ok)
        {
            // The scenario was validated against .NET's documented range; only a forced configuration
            // (DOTNET_ThreadPool_ForceMinWorkerThreads / ForceMaxWorkerThreads) refuses it.
            throw new InvalidOperationException(
                $".NET refused the thread pool limits min {settings.MinThreads}, max {settings.MaxThreads} (is DOTNET_ThreadPool_ForceMinWorkerThreads or ForceMaxWorkerThreads set?)");
        }
    }

    public void Run(ArrivalSchedule schedule, Recorder recorder, RunClock clock, CancellationToken cancellationToken)
    {
        var recorderThread = new Thread(() =>
        {
            foreach ((CallOutcome outcome, TimeSpan intendedStart, TimeSpan end, TimeSpan latency) in _outcomes.GetConsumingEnumerable())
            {
                recorder.Record(outcome, intendedStart, end, latency);
            }
        })
        { IsBackground = true, Name = "threadpool-recorder" };
        recorderThread.Start();
        _clock = clock;
        _upstream = schedule.Upstream;
        _policyCalls = policy is null ? null : new PolicyCalls(caller, policy, schedule.Upstream, clock);
        _stopped = cancellationToken;
        _sampler = new ThreadPoolSampler(clock);
        try
        {
            OpenLoopPacer.Run(
                schedule,
                clock,
                request =>
                {
                    Interlocked.Increment(ref _inFlight);
                    if (WarmUpOffThePool)
                    {
                        Serve(request);
                        return;
                    }

                    ThreadPool.UnsafeQueueUserWorkItem(static state => state.Engine.Serve(state.Request), (Engine: this, Request: request), preferLocal: false);
                },
                cancellationToken,
                dispatchBlocks: WarmUpOffThePool);
            Release();
            WaitForCalls(cancellationToken);
        }
        finally
        {
            // Calls abandoned after the grace may still end later: they are no longer recorded.
            _outcomes.CompleteAdding();
            recorderThread.Join();
            Samples = _sampler.Stop();
        }
    }

    private void WaitForCalls(CancellationToken cancellationToken)
    {
        try
        {
            _allDone.Task.Wait(cancellationToken);
            return;
        }
        catch (OperationCanceledException)
        {
            // Interrupted, before or after the last request was sent: calls in flight get the grace.
        }

        if (!_allDone.Task.Wait(CancelGrace.Duration, CancellationToken.None))
        {
            _abandon.Cancel();
            _allDone.Task.Wait(TimeSpan.FromSeconds(1), CancellationToken.None); // abandoned calls end at once; bounded all the same
        }
    }

    private void Serve(Request request)
    {
        try
        {
            if (_stopped.IsCancellationRequested)
            {
                return; // interrupted while still queued: never sent upstream, left unfinished
            }

            if (_policyCalls is not null)
            {
                CallResult result = settings.Block == BlockKind.Result
                    // Sync over async, as below, for all the request's calls: each call's completion runs on the pool.
                    ? _policyCalls.CallAsync(request, _abandon.Token).AsTask().GetAwaiter().GetResult()
                    : _policyCalls.Call(request, _abandon.Token);
                Record(result.Outcome, request.IntendedStart, result.End, result.Call.Latency);
                return;
            }

            Request call = request;
            if (!_upstream!.IsFixed)
            {
                // The call goes out now, when a pool thread runs the item: a slowdown window and the fan-out apply from here.
                call = _upstream.AtCallTime(call, _clock!.Elapsed);
            }

            CallOutcome outcome = settings.Block switch
            {
                // Sync over async: a blocking Task wait, which the pool sees (it calls NotifyThreadBlocked).
                BlockKind.Result => caller.CallAsync(call, _abandon.Token).AsTask().GetAwaiter().GetResult(),
                BlockKind.Poll => Poll(caller.CallAsync(call, _abandon.Token)),
                // A wait the pool cannot see: the thread simply stops.
                _ => caller.Call(call, _abandon.Token),
            };
            Record(outcome, call.IntendedStart, _clock!.Elapsed, call.Latency);
        }
        catch (OperationCanceledException)
        {
            // Abandoned after the grace period: left unfinished.
        }
        finally
        {
            Release();
        }
    }

    /// <summary>
    /// The diagnostics tutorial's <c>while (!dbTask.IsCompleted) Thread.Sleep(10);</c>: sleeps in steps of
    /// <see cref="ThreadPoolSettings.PollInterval"/> through the run's timer (a wait the pool cannot see)
    /// until the call is complete. Its completion runs as a work item on the pool (the timer only queues
    /// it), so while every pool thread polls, the call cannot complete.
    /// </summary>
    private CallOutcome Poll(ValueTask<CallOutcome> call)
    {
        while (!call.IsCompleted)
        {
            _clock!.Timer.Pause(ThreadPoolSettings.PollInterval, _abandon.Token);
        }

        return call.GetAwaiter().GetResult();
    }

    private void Record(CallOutcome outcome, TimeSpan intendedStart, TimeSpan end, TimeSpan latency)
    {
        try
        {
            _outcomes.Add((outcome, intendedStart, end, latency));
        }
        catch (InvalidOperationException)
        {
            // A call abandoned after the grace ended after the run: left unfinished, as in the other engines.
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            _allDone.TrySetResult();
        }
    }

    /// <summary>Restores the pool limits the process had before <see cref="Start"/>.</summary>
    public void Dispose()
    {
        _sampler?.Dispose();
        if (!_limitsSet)
        {
            return;
        }

        _limitsSet = false;
        if (_savedMax.Workers >= settings.MinThreads)
        {
            ThreadPool.SetMaxThreads(_savedMax.Workers, _savedMax.Io);
            ThreadPool.SetMinThreads(_savedMin.Workers, _savedMin.Io);
        }
        else
        {
            ThreadPool.SetMinThreads(_savedMin.Workers, _savedMin.Io);
            ThreadPool.SetMaxThreads(_savedMax.Workers, _savedMax.Io);
        }
    }
}
