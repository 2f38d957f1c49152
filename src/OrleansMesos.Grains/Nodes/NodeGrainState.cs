namespace OrleansMesos.Grains.Nodes;

/// <summary>What a node grain keeps durable: its registration and its containers.</summary>
[GenerateSerializer, Alias("om.NodeGrainState")]
public sealed class NodeGrainState
{
    /// <summary>Terminal container records kept for inspection; older ones are dropped.</summary>
    public const int KeptTerminalRecords = 32;

    /// <summary>The agent's registration; null until the node registers.</summary>
    [Id(0)]
    public NodeRegistration? Registration { get; set; }

    /// <summary>Containers, oldest first.</summary>
    [Id(1)]
    public List<ContainerRecord> Containers { get; set; } = [];

    /// <summary>False once heartbeats stopped for too long.</summary>
    [Id(2)]
    public bool Reachable { get; set; } = true;

    /// <summary>When the node became unreachable.</summary>
    [Id(3)]
    public DateTimeOffset? UnreachableSince { get; set; }

    /// <summary>True while the node takes no new work.</summary>
    [Id(4)]
    public bool Draining { get; set; }

    /// <summary>When a draining node kills what still runs; none when the drain has no deadline.</summary>
    [Id(6)]
    public DateTimeOffset? DrainDeadline { get; set; }

    /// <summary>How many releases (containers ended) the node has sent its partition: numbers them, so that a partition
    /// whose view was rebuilt from a snapshot knows which releases it already reflects.</summary>
    [Id(7)]
    public long Released { get; set; }

    /// <summary>Status updates not yet delivered to their frameworks, oldest first; delivered again after a restart.</summary>
    [Id(5)]
    public List<ContainerStatus> Undelivered { get; set; } = [];

    /// <summary>What the node's live containers hold.</summary>
    public Resources Committed()
    {
        var sum = Resources.Zero;
        foreach (var c in Containers)
        {
            if (!c.State.IsTerminal())
            {
                sum += c.Spec.Resources;
            }
        }

        return sum;
    }

    /// <summary>The index of a framework's container, or -1.</summary>
    public int IndexOf(FrameworkId framework, ContainerId container) =>
        Containers.FindIndex(c => c.Framework == framework && c.Spec.Id == container);

    /// <summary>Drops the oldest terminal records beyond <see cref="KeptTerminalRecords"/>.</summary>
    public void Prune()
    {
        var terminal = Containers.Count(c => c.State.IsTerminal());
        for (var i = 0; i < Containers.Count && terminal > KeptTerminalRecords;)
        {
            if (Containers[i].State.IsTerminal())
            {
                Containers.RemoveAt(i);
                terminal--;
            }
            else
            {
                i++;
            }
        }
    }
}
