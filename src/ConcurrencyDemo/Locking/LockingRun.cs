using System.Threading.Channels;
using ConcurrencyDemo.Engines;

namespace ConcurrencyDemo.Locking;

/// <summary>
/// Runs the article's E10 on the real clock: worker threads produce events that must reach one slow
/// sink. <see cref="LockingMode.Coarse"/>: each worker takes the sink's lock and writes (the article's
/// <c>synchronized (outputStreamLock)</c>). <see cref="LockingMode.Owner"/>: workers put events in a
/// channel and one thread, the sink's owner, writes them.
/// </summary>
public sealed class LockingRun
{
    private readonly LockingOptions _options;
    private readonly LockingMode _mode;
    private readonly TimeProvider _timeProvider;

    public LockingRun(LockingOptions options, LockingMode mode, TimeProvider? timeProvider = null)
    {
        _options = options;
        _mode = mode;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs for the options' duration (or until cancelled, then marked partial) and returns what was measured.</summary>
    public LockingResult Run(CancellationToken cancellationToken = default)
    {
        var geometry = new RunGeometry(_options);
        WorkerLog[] logs = Enumerable.Range(0, _options.Workers).Select(_ => new WorkerLog(geometry)).ToArray();

        Channel<SinkEvent>? channel = null;
        Thread? owner = null;
        var stopOwner = new CancellationTokenSource();
        if (_mode == LockingMode.Owner)
        {
            channel = _options.QueueCapacity is { } capacity
                ? Channel.CreateBounded<SinkEvent>(new BoundedChannelOptions(capacity)
                {
                    FullMode = BoundedChannelFullMode.Wait,
                    SingleReader = true,
                    AllowSynchronousContinuations = true,
                })
                : Channel.CreateUnbounded<SinkEvent>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
        }

        // The clock starts once every worker is running, so that thread start-up is not counted as idle time.
        using var ready = new CountdownEvent(_options.Workers);
        using var go = new ManualResetEventSlim();
        RunClock? clock = null;
        SlowSink? sink = null;
        var sinkLock = new Lock();
        var workers = new Thread[_options.Workers];
        for (int i = 0; i < workers.Length; i++)
        {
            int index = i;
            workers[i] = new Thread(() =>
            {
                ready.Signal();
                go.Wait(CancellationToken.None);
                Work(index, logs[index], clock!, sink!, sinkLock, channel?.Writer, cancellationToken);
            })
            {
                IsBackground = true,
                Name = $"worker-{index}",
            };
            workers[i].Start();
        }

        ready.Wait(CancellationToken.None);
        clock = new RunClock(new Timing.DotnetRunTimer(_timeProvider));
        sink = new SlowSink(_options, clock, geometry);
        if (channel is not null)
        {
            // Synchronous continuations (above): the worker that enqueues wakes the blocked owner
            // directly, as a Java BlockingQueue.put does, instead of through a thread-pool hop.
            owner = new Thread(() => OwnSink(channel.Reader, sink, stopOwner.Token)) { IsBackground = true, Name = "sink-owner" };
            owner.Start();
        }

        go.Set();

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        // The owner stops where it is: what is still queued is the backlog the slowdown left behind,
        // reported rather than drained (draining it can take far longer than the run).
        stopOwner.Cancel();
        channel?.Writer.TryComplete();
        owner?.Join();
        stopOwner.Dispose();

        return Summarise(geometry, logs, sink, cancellationToken.IsCancellationRequested);
    }

    private void Work(int index, WorkerLog log, RunClock clock, SlowSink sink, Lock sinkLock, ChannelWriter<SinkEvent>? queue, CancellationToken cancellationToken)
    {
        TimeSpan start = clock.Elapsed;
        while (start < _options.Duration && !cancellationToken.IsCancellationRequested)
        {
            // The worker's own work: blocking, like the article's threads, so two cores can host many workers.
            BlockingSleep.AtLeast(_options.WorkPerEvent);
            TimeSpan ready = clock.Elapsed;
            log.Spent(WorkerState.Producing, start, ready);
            var sinkEvent = new SinkEvent(index, ready);

            TimeSpan done;
            if (queue is null)
            {
                TimeSpan locked;
                lock (sinkLock)
                {
                    locked = clock.Elapsed;
                    sink.Write(sinkEvent);
                }

                done = clock.Elapsed;
                log.Spent(WorkerState.Waiting, ready, locked);
                log.Spent(WorkerState.Writing, locked, done);
            }
            else
            {
                if (!Enqueue(queue, sinkEvent, cancellationToken))
                {
                    break;
                }

                done = clock.Elapsed;
                log.Spent(WorkerState.Waiting, ready, done);
            }

            log.HandedOffEvent(ready, done);
            start = done;
        }
    }

    private static bool Enqueue(ChannelWriter<SinkEvent> queue, SinkEvent sinkEvent, CancellationToken cancellationToken)
    {
        try
        {
            // A bounded, full queue blocks the worker: back-pressure instead of a growing backlog.
            while (!queue.TryWrite(sinkEvent))
            {
                if (!Wait(queue.WaitToWriteAsync(cancellationToken)))
                {
                    return false;
                }
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void OwnSink(ChannelReader<SinkEvent> queue, SlowSink sink, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (queue.TryRead(out SinkEvent sinkEvent))
                {
                    sink.Write(sinkEvent);
                }
                else if (!Wait(queue.WaitToReadAsync(stop)))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for work: nothing was queued.
        }
    }

    // These threads are dedicated, not pool threads, so blocking on the channel's wait is fine.
    private static bool Wait(ValueTask<bool> wait) =>
        wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();

    private LockingResult Summarise(RunGeometry geometry, WorkerLog[] logs, SlowSink sink, bool partial)
    {
        long handedOff = logs.Sum(l => l.HandedOff);
        long written = sink.Written;

        var phases = new List<PhaseSummary>();
        long handedOffSoFar = 0;
        long writtenSoFar = 0;
        for (int p = 0; p < geometry.Phases.Count; p++)
        {
            (TimeSpan from, TimeSpan to) = geometry.Phases[p];
            double seconds = (to - from).TotalSeconds;
            double workerTicks = (to - from).Ticks * (double)_options.Workers;
            var handOff = new DurationHistogram();
            foreach (WorkerLog log in logs)
            {
                handOff.Add(log.HandOff[p]);
            }

            long phaseHandedOff = logs.Sum(l => l.HandedOffPerPhase[p]);
            handedOffSoFar += phaseHandedOff;
            writtenSoFar += sink.WrittenPerPhase[p];
            phases.Add(new PhaseSummary(
                PhaseName(p, geometry.Phases.Count),
                from.TotalSeconds,
                to.TotalSeconds,
                _options.WriteLatencyAt(from).TotalMilliseconds,
                phaseHandedOff / seconds,
                sink.WrittenPerPhase[p] / seconds,
                logs.Sum(l => l.PhaseTicks[(int)WorkerState.Producing][p]) / workerTicks,
                logs.Sum(l => l.PhaseTicks[(int)WorkerState.Writing][p]) / workerTicks,
                logs.Sum(l => l.PhaseTicks[(int)WorkerState.Waiting][p]) / workerTicks,
                handOff.Percentile(50)?.TotalMilliseconds,
                handOff.Percentile(99)?.TotalMilliseconds,
                sink.Delay[p].Percentile(50)?.TotalMilliseconds,
                sink.Delay[p].Percentile(99)?.TotalMilliseconds,
                Math.Max(0, handedOffSoFar - writtenSoFar)));
        }

        var timeline = new List<TimelineBucket>();
        long depth = 0;
        long maxDepth = 0;
        double bucketTicks = geometry.BucketWidth.Ticks;
        double bucketSeconds = geometry.BucketWidth.TotalSeconds;
        for (int b = 0; b < geometry.BucketCount; b++)
        {
            long bucketHandedOff = logs.Sum(l => l.HandedOffPerBucket[b]);
            depth += bucketHandedOff - sink.WrittenPerBucket[b];
            maxDepth = Math.Max(maxDepth, depth);
            timeline.Add(new TimelineBucket(
                b * bucketSeconds,
                logs.Sum(l => l.BucketTicks[(int)WorkerState.Producing][b]) / bucketTicks,
                logs.Sum(l => l.BucketTicks[(int)WorkerState.Writing][b]) / bucketTicks,
                logs.Sum(l => l.BucketTicks[(int)WorkerState.Waiting][b]) / bucketTicks,
                bucketHandedOff / bucketSeconds,
                sink.WrittenPerBucket[b] / bucketSeconds,
                Math.Max(0, depth)));
        }

        long backlog = Math.Max(0, handedOff - written);
        TimeSpan lastLatency = _options.WriteLatencyAt(_options.Duration);
        return new LockingResult(
            _mode,
            _options,
            phases,
            timeline,
            bucketSeconds,
            handedOff,
            written,
            maxDepth,
            backlog,
            lastLatency * backlog,
            partial);
    }

    private static string PhaseName(int phase, int phases) =>
        phases == 1 ? "whole run" : phase == 0 ? "before slowdown" : "after slowdown";
}
