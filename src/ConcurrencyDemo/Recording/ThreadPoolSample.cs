namespace ConcurrencyDemo.Recording;

/// <summary>The .NET ThreadPool at one moment of a run (real: read from <see cref="ThreadPool"/>; virtual: the model's state).</summary>
/// <param name="At">Time since the run's zero.</param>
/// <param name="Threads">Worker threads that exist (<see cref="ThreadPool.ThreadCount"/>).</param>
/// <param name="Queued">Work items waiting for a thread (<see cref="ThreadPool.PendingWorkItemCount"/>).</param>
/// <param name="Completed">Work items completed since the run's zero (<see cref="ThreadPool.CompletedWorkItemCount"/>, less its value at zero).</param>
public readonly record struct ThreadPoolSample(TimeSpan At, int Threads, long Queued, long Completed);
