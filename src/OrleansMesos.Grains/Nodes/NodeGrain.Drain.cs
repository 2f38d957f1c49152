using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Nodes;

// Drain: the node takes no new work while its running containers carry on. Register and Heartbeat keep a
// draining node unschedulable (they tell the partition !Draining), and Launch refuses while draining.
public sealed partial class NodeGrain
{
    /// <inheritdoc />
    public async Task Drain()
    {
        EnsureRegistered();
        if (!Books.Draining)
        {
            Books.Draining = true;
            await WriteAsync();
            LogDraining(Id, Books.Containers.Count(c => !c.State.IsTerminal()));
        }

        // Told even when already draining: a retry after the partition failed to hear it completes the drain.
        await Partition.SetNodeSchedulable(Id, false);
    }

    /// <inheritdoc />
    public async Task Undrain()
    {
        EnsureRegistered();
        if (Books.Draining)
        {
            Books.Draining = false;
            await WriteAsync();
            LogUndrained(Id);
        }

        // An unreachable node stays unschedulable; its next heartbeat makes it schedulable.
        await Partition.SetNodeSchedulable(Id, Books.Reachable);
    }

    private void EnsureRegistered()
    {
        if (Books.Registration is null)
        {
            throw new UnknownEntityException("node", Id.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is draining: it takes no new leases; {Running} live container(s) keep running")]
    private partial void LogDraining(NodeId node, int running);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is no longer draining")]
    private partial void LogUndrained(NodeId node);
}
