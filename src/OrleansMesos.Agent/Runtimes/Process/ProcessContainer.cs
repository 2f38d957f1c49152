namespace OrleansMesos.Agent.Runtimes.Processes;

/// <summary>
/// One container as this runtime instance tracks it: its record (changed and saved under a lock, so saves never
/// reorder) and how it ended, once it has.
/// </summary>
/// <param name="record">Its record as started or as read from disk.</param>
/// <param name="isChild">True when this instance started it (its exit status can be read); false when adopted.</param>
internal sealed class ProcessContainer(ContainerRecord record, bool isChild)
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<ContainerExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ContainerRecord _record = record;

    /// <summary>True when this instance started the process; false when it was adopted from a record.</summary>
    public bool IsChild { get; } = isChild;

    /// <summary>The record as it is now.</summary>
    public ContainerRecord Record
    {
        get
        {
            lock (_lock)
            {
                return _record;
            }
        }
    }

    /// <summary>Completes when the container has exited and its end is recorded.</summary>
    public Task<ContainerExit> Exit => _exit.Task;

    /// <summary>Whether it is still running.</summary>
    public bool IsRunning => !_exit.Task.IsCompleted;

    /// <summary>Changes the record and saves it; a failed save leaves the record changed in memory and is passed on.</summary>
    public ContainerRecord Update(Func<ContainerRecord, ContainerRecord> change, ContainerStore store)
    {
        lock (_lock)
        {
            _record = change(_record);
            store.Write(_record);
            return _record;
        }
    }

    /// <summary>Records how it ended; the first end wins.</summary>
    public void Complete(ContainerExit exit) => _exit.TrySetResult(exit);
}
