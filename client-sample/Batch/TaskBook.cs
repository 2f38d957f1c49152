using System.Globalization;
using OrleansMesos.Wire;

namespace OrleansMesos.ClientSample.Batch;

/// <summary>
/// The batch's bookkeeping, apart from any messaging: which tasks wait for a lease, which run under which
/// container, how status updates move them on, and when a failed, killed or lost attempt is retried.
/// A task is tried at most <c>1 + maxRetries</c> times. Not thread-safe: its owner serialises calls.
/// </summary>
internal sealed class TaskBook
{
    private readonly BatchTask[] _tasks;
    private readonly Dictionary<ContainerId, BatchTask> _byContainer = [];
    private int _retries;

    /// <summary>A batch of <paramref name="tasks"/> tasks of shape <paramref name="taskResources"/>.</summary>
    public TaskBook(int tasks, Resources taskResources, int maxRetries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tasks);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        if (taskResources.IsZero)
        {
            throw new ArgumentException("a task must ask for some resource", nameof(taskResources));
        }

        _tasks = [.. Enumerable.Range(0, tasks).Select(i => new BatchTask(i))];
        TaskResources = taskResources;
        MaxRetries = maxRetries;
    }

    public Resources TaskResources { get; }

    public int MaxRetries { get; }

    public IReadOnlyList<BatchTask> Tasks => _tasks;

    /// <summary>Tasks that need a lease now: the demand to state.</summary>
    public int Wanted => _tasks.Count(t => t.Phase == TaskPhase.Waiting);

    /// <summary>True when every task reached a final outcome.</summary>
    public bool IsDone => _tasks.All(t => t.IsFinal);

    public BatchCounts Counts => new(
        _tasks.Length,
        Pending: _tasks.Count(t => t.Phase is TaskPhase.Waiting or TaskPhase.Launching),
        Running: _tasks.Count(t => t.Phase == TaskPhase.Active),
        Succeeded: _tasks.Count(t => t.Phase == TaskPhase.Succeeded),
        Failed: _tasks.Count(t => t.Phase == TaskPhase.Failed),
        Lost: _tasks.Count(t => t.Phase == TaskPhase.Lost),
        Retries: _retries);

    /// <summary>
    /// How many tasks a lease can take: its task count, but never more than its resources cover (a lease whose
    /// figures disagree is trusted only as far as its resources go).
    /// </summary>
    public int Fits(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var n = Math.Max(0, lease.Tasks);
        while (n > 0 && !TaskResources.Times(n).FitsIn(lease.Resources))
        {
            n--;
        }

        return n;
    }

    /// <summary>
    /// Takes up to <paramref name="capacity"/> waiting tasks for one lease, lowest first, each under a fresh
    /// container id. They stay <see cref="TaskPhase.Launching"/> until <see cref="Launched"/> or
    /// <see cref="LaunchRefused"/>, or until their first status update arrives (it may overtake the redemption's answer).
    /// </summary>
    public IReadOnlyList<LaunchTicket> Take(int capacity)
    {
        var tickets = new List<LaunchTicket>();
        foreach (var task in _tasks)
        {
            if (tickets.Count >= capacity)
            {
                break;
            }

            if (task.Phase != TaskPhase.Waiting)
            {
                continue;
            }

            task.Launches++;
            task.Attempts++;
            task.Phase = TaskPhase.Launching;
            var container = new ContainerId(string.Create(CultureInfo.InvariantCulture, $"task-{task.Index:D4}-{task.Launches}"));
            task.Container = container;
            task.State = null;
            task.LastSequence = -1;
            _byContainer[container] = task;
            tickets.Add(new LaunchTicket(task.Index, container, task.Attempts));
        }

        return tickets;
    }

    /// <summary>The redemption launched these containers: their tasks are active and their resources held.</summary>
    public void Launched(IEnumerable<ContainerId> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        foreach (var id in containers)
        {
            if (Current(id) is { Phase: TaskPhase.Launching } task)
            {
                Activate(task);
            }
        }
    }

    /// <summary>
    /// The redemption was refused (the lease expired, was rescinded, or its node refused): the tasks wait
    /// again, and the refused launch is not counted as an attempt. A task whose container already reported
    /// did launch, and stays as it is.
    /// </summary>
    public void LaunchRefused(IEnumerable<ContainerId> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        foreach (var id in containers)
        {
            if (Current(id) is { Phase: TaskPhase.Launching } task)
            {
                _byContainer.Remove(id);
                task.Attempts--;
                task.Phase = TaskPhase.Waiting;
                task.Container = null;
            }
        }
    }

    /// <summary>
    /// Applies a status update of one of the batch's containers. Updates of a container are applied in
    /// sequence order once each: older and repeated ones, and ones of containers no task runs now, are ignored.
    /// A terminal state other than Finished retries the task while it has retries left.
    /// </summary>
    public StatusOutcome Apply(ContainerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (Current(status.Container) is not { } task || task.IsFinal || status.Sequence <= task.LastSequence)
        {
            return StatusOutcome.Ignored;
        }

        if (task.Phase == TaskPhase.Launching)
        {
            Activate(task);
        }

        task.LastSequence = status.Sequence;
        task.State = status.State;
        if (!status.State.IsTerminal())
        {
            return StatusOutcome.Progressed;
        }

        _byContainer.Remove(status.Container);
        task.LastOutcome = Describe(status);
        if (status.State == ContainerState.Finished)
        {
            task.Phase = TaskPhase.Succeeded;
            return StatusOutcome.Succeeded;
        }

        if (task.Attempts <= MaxRetries)
        {
            _retries++;
            task.Phase = TaskPhase.Waiting;
            return StatusOutcome.Retrying;
        }

        task.Phase = status.State == ContainerState.Lost ? TaskPhase.Lost : TaskPhase.Failed;
        return status.State == ContainerState.Lost ? StatusOutcome.Lost : StatusOutcome.Failed;
    }

    /// <summary>The task whose current attempt runs under <paramref name="container"/>, if any.</summary>
    public BatchTask? TaskOf(ContainerId container) => Current(container);

    private BatchTask? Current(ContainerId container) =>
        _byContainer.TryGetValue(container, out var task) && task.Container == container ? task : null;

    private static void Activate(BatchTask task) => task.Phase = TaskPhase.Active;

    private static string Describe(ContainerStatus status)
    {
        var text = status.ExitCode is { } code
            ? string.Create(CultureInfo.InvariantCulture, $"{status.State} (exit code {code})")
            : status.State.ToString();
        return status.Reason is { Length: > 0 } reason ? $"{text}: {reason}" : text;
    }
}
