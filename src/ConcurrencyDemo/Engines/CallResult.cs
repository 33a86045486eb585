using ConcurrencyDemo.Recording;
using ConcurrencyDemo.Workload;

namespace ConcurrencyDemo.Engines;

/// <summary>How a request's calls ended: the outcome it is recorded with, when, and the call that decided it.</summary>
/// <param name="Outcome">The answer that counts: the first success, else the last failure.</param>
/// <param name="End">When that answer came, since the run's zero.</param>
/// <param name="Call">The call that gave it (its endpoint and latency).</param>
internal readonly record struct CallResult(CallOutcome Outcome, TimeSpan End, Request Call);
