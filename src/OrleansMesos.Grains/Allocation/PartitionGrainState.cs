namespace OrleansMesos.Grains.Allocation;

/// <summary>What an allocator partition keeps durable: its shard, the frameworks and roles it serves, its outstanding leases.</summary>
[GenerateSerializer, Alias("om.PartitionGrainState")]
public sealed class PartitionGrainState
{
    /// <summary>The nodes of the shard.</summary>
    [Id(0)]
    public Dictionary<NodeId, PartitionNode> Nodes { get; set; } = [];

    /// <summary>The frameworks, with their last known share of demand.</summary>
    [Id(1)]
    public Dictionary<FrameworkId, PartitionFramework> Frameworks { get; set; } = [];

    /// <summary>The roles, as the cluster set them.</summary>
    [Id(2)]
    public Dictionary<RoleName, RoleSettings> Roles { get; set; } = [];

    /// <summary>Leases granted and not yet completed, declined or expired.</summary>
    [Id(3)]
    public Dictionary<LeaseId, LeaseRecord> Leases { get; set; } = [];

    /// <summary>Frameworks removed that still hold containers; forgotten once they hold nothing.</summary>
    [Id(4)]
    public HashSet<FrameworkId> Removed { get; set; } = [];

    /// <summary>Per framework, the tasks of every lease this partition ever granted it (see <see cref="PartitionFramework.SeenTasks"/>).</summary>
    [Id(5)]
    public Dictionary<FrameworkId, long> GrantedTasks { get; set; } = [];
}

/// <summary>An outstanding lease and, once claimed for redemption, the request that claimed it.</summary>
[GenerateSerializer, Immutable, Alias("om.LeaseRecord")]
public sealed record LeaseRecord([property: Id(0)] Lease Lease, [property: Id(1)] string? ClaimedBy);
