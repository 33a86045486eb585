using System.Diagnostics;
using ConcurrencyDemo.Engines;
using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Scenarios;
using ConcurrencyDemo.Timing;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Tests.Engines;

/// <summary>
/// The real-clock engines wait only through their <see cref="RunTimer"/>, so a test can drive them
/// with a timer of its own: here one whose time moves only when the engine waits, which makes a
/// real-clock engine as deterministic as the simulator.
/// </summary>
public sealed class DrivenTimerTests
{
    [Fact]
    public void AsyncEngine_OnATimerThatJumpsToEachDueTime_MeasuresExactlyZeroOverhead()
    {
        // 5 requests 100 ms apart, 20 ms calls: each completes before the next is due.
        Scenario scenario = TestScenarios.Build(10, 5, "20ms", clock: ClockKind.Real);
        using var timer = new JumpingTimer();
        var engine = new AsyncEngine(new ModelEndpointCaller(scenario, timer));
        var recorder = new Recorder(scenario.LoadDuration);
        var wall = Stopwatch.StartNew();

        engine.Start(CancellationToken.None);
        engine.Run(new ArrivalSchedule(scenario), recorder, new RunClock(timer), CancellationToken.None);

        RunStatistics s = recorder.Statistics(5, 5);
        Assert.Equal(5, s.Successes);
        Assert.Equal(TimeSpan.FromMilliseconds(420), s.LastCompletion);
        Assert.All(s.Percentiles, p => Assert.Equal(0, p.OverheadMs));
        InstrumentError error = timer.Error();
        Assert.Equal(0, error.Pacer.MaxMs);
        Assert.Equal(0, error.Calls.MaxMs);
        // Had the engine slept on its own (Thread.Sleep, Task.Delay), 420 ms of real time would pass.
        Assert.True(wall.Elapsed < TimeSpan.FromMilliseconds(300), $"took {wall.Elapsed}");
    }

    /// <summary>A clock that stands still until someone waits, then jumps to the end of the wait.</summary>
    private sealed class JumpingTimer : RunTimer
    {
        private long _now = 1_000;

        public override TimerKind Kind => TimerKind.Precise;

        public override string Description => "test timer";

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _now);

        public override void SleepUntil(long dueTimestamp, CancellationToken cancellationToken) => JumpTo(dueTimestamp);

        protected override void HoldUntil(long dueTimestamp, CancellationToken abandon) => JumpTo(dueTimestamp);

        protected override ValueTask HoldUntilAsync(long dueTimestamp, CancellationToken abandon)
        {
            JumpTo(dueTimestamp);
            return ValueTask.CompletedTask;
        }

        private void JumpTo(long timestamp)
        {
            long now;
            while ((now = Interlocked.Read(ref _now)) < timestamp && Interlocked.CompareExchange(ref _now, timestamp, now) != now)
            {
            }
        }
    }
}
