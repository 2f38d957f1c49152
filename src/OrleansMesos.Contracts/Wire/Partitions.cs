namespace OrleansMesos.Wire;

/// <summary>What an allocator partition needs to know of a node.</summary>
[GenerateSerializer, Immutable, Alias("om.PartitionNode")]
public sealed record PartitionNode(
    [property: Id(0)] NodeId Node,
    [property: Id(1)] Resources Capacity,
    [property: Id(2)] Dictionary<string, string> Attributes,
    [property: Id(3)] bool Schedulable);

/// <summary>
/// What an allocator partition needs to know of a framework: who it is, its share of the demand, and how many
/// tasks of this partition's leases the framework grain had seen when it computed that share (so that the
/// partition can subtract the leases still on their way and not grant them twice).
/// </summary>
[GenerateSerializer, Immutable, Alias("om.PartitionFramework")]
public sealed record PartitionFramework(
    [property: Id(0)] FrameworkId Id,
    [property: Id(1)] RoleName Role,
    [property: Id(2)] bool GpuCapable,
    [property: Id(3)] TaskDemand[] Demand,
    [property: Id(4)] long DemandVersion,
    [property: Id(5)] long SeenTasks = 0);

/// <summary>One partition's usage, sent to the fair-share ledger.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Capacity">The capacity of its shard.</param>
/// <param name="Usage">Per framework, what it holds in the shard (only frameworks holding something).</param>
[GenerateSerializer, Immutable, Alias("om.PartitionUsage")]
public sealed record PartitionUsage(
    [property: Id(0)] int Partition,
    [property: Id(1)] Resources Capacity,
    [property: Id(2)] Dictionary<FrameworkId, Resources> Usage);

/// <summary>The cluster-wide sums the ledger hands back: total capacity and each framework's usage.</summary>
[GenerateSerializer, Immutable, Alias("om.GlobalUsage")]
public sealed record GlobalUsage(
    [property: Id(0)] Resources Capacity,
    [property: Id(1)] Dictionary<FrameworkId, Resources> Usage,
    [property: Id(2)] int Partitions);

/// <summary>A partition's view, for operators and tests.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Nodes">How many nodes its shard has.</param>
/// <param name="Capacity">The capacity of its shard.</param>
/// <param name="Allocated">What is committed or leased in its shard.</param>
/// <param name="Leases">Its outstanding leases.</param>
/// <param name="Holdings">Per framework, what it holds in the shard (committed or leased; only frameworks holding something).</param>
/// <param name="Passes">Allocation passes since activation.</param>
/// <param name="Grants">Tasks granted since activation.</param>
/// <param name="RoleHoldings">Per role, what its frameworks hold in the shard (only roles holding something).</param>
[GenerateSerializer, Immutable, Alias("om.PartitionView")]
public sealed record PartitionView(
    [property: Id(0)] int Partition,
    [property: Id(1)] int Nodes,
    [property: Id(2)] Resources Capacity,
    [property: Id(3)] Resources Allocated,
    [property: Id(4)] Lease[] Leases,
    [property: Id(5)] Dictionary<FrameworkId, Resources> Holdings,
    [property: Id(6)] long Passes,
    [property: Id(7)] long Grants,
    [property: Id(8)] Dictionary<RoleName, Resources>? RoleHoldings = null);
