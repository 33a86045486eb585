namespace ConcurrencyDemo.Timing;

/// <summary>An awaited wait: a task whose continuations run where it is completed (a thread-pool work item).</summary>
internal sealed class TaskDueWait : TaskCompletionSource, IDueWait, IThreadPoolWorkItem
{
    public bool CompletesOnThreadPool => true;

    void IThreadPoolWorkItem.Execute() => Complete();

    public void Complete() => TrySetResult();

    public void Cancel() => TrySetCanceled();
}
