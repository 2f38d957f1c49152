using OrleansMesos.Wire;

namespace OrleansMesos.Grains;

/// <summary>
/// One of P allocator partitions (keyed 0…P-1): runs the allocation engine over its shard of nodes, hands out
/// leases, and keeps its outstanding leases durable so that a reactivated partition never grants twice.
/// Its view of committed resources is soft state, rebuilt from the node grains.
/// </summary>
[Alias("om.IAllocatorPartitionGrain")]
public interface IAllocatorPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a node to the shard or updates it.</summary>
    [Alias("UpsertNode")]
    Task UpsertNode(PartitionNode node);

    /// <summary>Stops or resumes grants on a node; stopping rescinds its outstanding leases.</summary>
    [Alias("SetNodeSchedulable")]
    Task SetNodeSchedulable(NodeId node, bool schedulable);

    /// <summary>Forgets a node that left: its outstanding leases are rescinded and what was held there is released. Idempotent.</summary>
    [Alias("RemoveNode")]
    Task RemoveNode(NodeId node);

    /// <summary>Adds a framework or updates its role, capability and share of demand.</summary>
    [Alias("UpsertFramework")]
    Task UpsertFramework(PartitionFramework framework);

    /// <summary>Forgets a framework: its outstanding leases return and what it holds is released.</summary>
    [Alias("RemoveFramework")]
    Task RemoveFramework(FrameworkId framework);

    /// <summary>Adds or changes a role.</summary>
    [Alias("SetRole")]
    Task SetRole(RoleSettings role);

    /// <summary>
    /// Claims an outstanding lease for redemption: refused unless it is the framework's, unexpired and not
    /// claimed by another request. Claiming again under the same request id returns the lease again.
    /// </summary>
    [Alias("Claim")]
    Task<Lease> Claim(FrameworkId framework, LeaseId lease, string requestId);

    /// <summary>Completes a claimed lease: <paramref name="used"/> stays allocated, the rest returns to the pool.</summary>
    [Alias("Complete")]
    Task Complete(FrameworkId framework, LeaseId lease, Resources used);

    /// <summary>Declines an outstanding lease, optionally filtering its node for the framework.</summary>
    [Alias("Decline")]
    Task Decline(FrameworkId framework, LeaseId lease, TimeSpan filter);

    /// <summary>
    /// Returns resources the framework held on a node (its containers ended). <paramref name="released"/> numbers the
    /// node's releases (<see cref="Wire.NodeSnapshot.Released"/>): one the partition's view already reflects (it was
    /// rebuilt from a snapshot taken after it) is ignored. 0: not numbered.
    /// </summary>
    [Alias("Release")]
    Task Release(FrameworkId framework, NodeId node, Resources resources, long released = 0);

    /// <summary>Expires leases whose time has come and runs an allocation pass now.</summary>
    [Alias("Allocate")]
    Task Allocate();

    /// <summary>The partition's view.</summary>
    [Alias("GetView")]
    Task<PartitionView> GetView();

    /// <summary>
    /// Why the framework's share of demand on this partition is not granted now, as the engine judges it. Scans
    /// the shard's nodes: meant for operators, not for the allocation path.
    /// </summary>
    /// <exception cref="Errors.UnknownEntityException">The partition does not know the framework.</exception>
    [Alias("Explain")]
    Task<DemandExplanation> Explain(FrameworkId framework);
}

/// <summary>
/// The fair-share ledger: partitions send their per-framework usage and receive the cluster-wide sums, so
/// each orders frameworks by their share of the whole cluster. One call per partition per interval carries
/// a whole partition's usage: the ledger's load grows with P, not with grants.
/// </summary>
[Alias("om.IFairShareLedgerGrain")]
public interface IFairShareLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>Records a partition's usage and returns the sums over all partitions.</summary>
    [Alias("Exchange")]
    Task<GlobalUsage> Exchange(PartitionUsage usage);
}

/// <summary>
/// The cluster's configuration and directory (key 0): roles (weights, guarantees, limits), applied to every
/// partition, and the ids of the nodes and frameworks that registered, so that operators can list them.
/// It never calls node or framework grains, so they may await it inside their own calls.
/// </summary>
[Alias("om.IClusterGrain")]
public interface IClusterGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or changes a role on every partition.</summary>
    [Alias("SetRole")]
    Task SetRole(RoleSettings role);

    /// <summary>Every role set.</summary>
    [Alias("GetRoles")]
    Task<RoleSettings[]> GetRoles();

    /// <summary>From a node grain: the node registered. Idempotent.</summary>
    [Alias("NodeRegistered")]
    Task NodeRegistered(NodeId node);

    /// <summary>From a node grain: the node left the cluster. Idempotent.</summary>
    [Alias("NodeLeft")]
    Task NodeLeft(NodeId node);

    /// <summary>From a framework grain: the framework registered. Idempotent.</summary>
    [Alias("FrameworkRegistered")]
    Task FrameworkRegistered(FrameworkId framework);

    /// <summary>From a framework grain: the framework ended (unregistered, or its failover timeout passed). Idempotent.</summary>
    [Alias("FrameworkEnded")]
    Task FrameworkEnded(FrameworkId framework);

    /// <summary>The number of partitions and the ids of the registered nodes and frameworks. Read-only, so it may interleave.</summary>
    [AlwaysInterleave, Alias("GetDirectory")]
    Task<ClusterDirectory> GetDirectory();
}
