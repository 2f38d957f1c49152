using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Nodes;

// Drain: the node takes no new work while its running containers carry on, until the drain's deadline (if any)
// has passed: then what still runs is killed. Register and Heartbeat keep a draining node unschedulable (they tell
// the partition !Draining), and Launch refuses while draining. Leave ends the node's membership of the cluster.
public sealed partial class NodeGrain
{
    /// <summary>Containers killed because the drain's deadline passed: their Killed report says so.</summary>
    private readonly HashSet<(FrameworkId Framework, ContainerId Container)> _killedByDrain = [];

    /// <inheritdoc />
    public async Task Drain(TimeSpan? deadline = null)
    {
        EnsureRegistered();
        if (deadline < TimeSpan.Zero)
        {
            throw new InvalidFieldException("deadline", "must not be negative", deadline.Value.ToString());
        }

        var until = deadline is { } d ? clock.Now + d : Books.DrainDeadline;
        if (!Books.Draining || until != Books.DrainDeadline)
        {
            Books.Draining = true;
            Books.DrainDeadline = until;
            await WriteAsync();
            LogDraining(Id, Books.Containers.Count(c => !c.State.IsTerminal()), until);
        }

        // Told even when already draining: a retry after the partition failed to hear it completes the drain.
        await Partition.SetNodeSchedulable(Id, false);
        await KillPastDrainDeadline();
    }

    /// <inheritdoc />
    public async Task Undrain()
    {
        EnsureRegistered();
        if (Books.Draining)
        {
            Books.Draining = false;
            Books.DrainDeadline = null;
            _killedByDrain.Clear();
            await WriteAsync();
            LogUndrained(Id);
        }

        // An unreachable node stays unschedulable; its next heartbeat makes it schedulable.
        await Partition.SetNodeSchedulable(Id, Books.Reachable);
    }

    /// <inheritdoc />
    public async Task Leave()
    {
        if (Books.Registration is null)
        {
            return;
        }

        for (var i = 0; i < Books.Containers.Count; i++)
        {
            if (!Books.Containers[i].State.IsTerminal())
            {
                await Move(i, ContainerState.Lost, null, "its node left the cluster");
            }
        }

        Books.Registration = null;
        Books.Draining = false;
        Books.DrainDeadline = null;
        Books.Reachable = true;
        Books.UnreachableSince = null;
        _nodeMetrics.SetCapacity(Resources.Zero);
        await WriteAsync();
        if (await this.GetReminder(WatchReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await Partition.RemoveNode(Id);
        await GrainFactory.GetGrain<IClusterGrain>(0).NodeLeft(Id);
        LogLeft(Id);
    }

    /// <summary>Once the drain's deadline has passed, asks the agent to kill every container still live (once per activation).</summary>
    private Task KillPastDrainDeadline()
    {
        if (!Books.Draining || Books.DrainDeadline is not { } deadline || clock.Now < deadline)
        {
            return Task.CompletedTask;
        }

        foreach (var record in Books.Containers)
        {
            if (!record.State.IsTerminal() && _killedByDrain.Add((record.Framework, record.Spec.Id)))
            {
                LogKilledByDrain(Id, record.Spec.Id, deadline);
                Books.Registration?.Agent?.Kill(Id, record.Framework, record.Spec.Id, _options.KillGracePeriod).Ignore();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The reason a report gives, or why the node killed the container.</summary>
    private string? ReasonOf(AgentReport report) =>
        report.State == ContainerState.Killed && _killedByDrain.Contains((report.Framework, report.Container))
            ? "killed: the node's drain deadline passed" + (report.Reason is { } reason ? $" ({reason})" : string.Empty)
            : report.Reason;

    private void EnsureRegistered()
    {
        if (Books.Registration is null)
        {
            throw new UnknownEntityException("node", Id.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is draining: it takes no new leases; {Running} live container(s) keep running until {Deadline}")]
    private partial void LogDraining(NodeId node, int running, DateTimeOffset? deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is no longer draining")]
    private partial void LogUndrained(NodeId node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: killing container {Container}, its drain deadline {Deadline} passed")]
    private partial void LogKilledByDrain(NodeId node, ContainerId container, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} left the cluster")]
    private partial void LogLeft(NodeId node);
}
