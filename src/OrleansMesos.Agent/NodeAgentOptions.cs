namespace OrleansMesos.Agent;

/// <summary>Who the agent is and what it offers: settled by the host before the agent starts.</summary>
public sealed class NodeAgentOptions
{
    /// <summary>The cluster id, written on every container as a label so that reconciliation finds the cluster's own.</summary>
    public required string Cluster { get; init; }

    /// <summary>The node this agent runs.</summary>
    public required NodeId Node { get; init; }

    /// <summary>What the node offers (detected, minus the host's reservation).</summary>
    public required Resources Capacity { get; init; }

    /// <summary>Attributes constraints match on.</summary>
    public Dictionary<string, string> Attributes { get; init; } = [];

    /// <summary>The GPUs the node offers, by UUID; their count is <see cref="Capacity"/>'s GPUs.</summary>
    public IReadOnlyList<string> GpuUuids { get; init; } = [];

    /// <summary>How often the agent heartbeats.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);
}
