using OrleansMesos.Wire;

namespace OrleansMesos.ClientSample.Batch;

/// <summary>One task of the batch and its attempts.</summary>
internal sealed class BatchTask(int index)
{
    /// <summary>The task's number in the batch, from 0.</summary>
    public int Index { get; } = index;

    public TaskPhase Phase { get; set; } = TaskPhase.Waiting;

    /// <summary>Attempts launched (or being launched); a refused launch does not count.</summary>
    public int Attempts { get; set; }

    /// <summary>How many containers were ever named for this task: each launch gets a fresh container id.</summary>
    public int Launches { get; set; }

    /// <summary>The container of the current or last attempt.</summary>
    public ContainerId? Container { get; set; }

    /// <summary>The last state reported for <see cref="Container"/>.</summary>
    public ContainerState? State { get; set; }

    /// <summary>The last sequence applied for <see cref="Container"/>: older or repeated updates are ignored.</summary>
    public long LastSequence { get; set; } = -1;

    /// <summary>How the last attempt ended, in words (exit code and reason).</summary>
    public string? LastOutcome { get; set; }

    public bool IsFinal => Phase is TaskPhase.Succeeded or TaskPhase.Failed or TaskPhase.Lost;
}
