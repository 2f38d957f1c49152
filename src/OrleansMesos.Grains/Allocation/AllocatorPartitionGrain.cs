using Microsoft.Extensions.Options;
using OrleansMesos.Allocation;
using OrleansMesos.Errors;
using OrleansMesos.Grains.Options;
using OrleansMesos.Grains.Telemetry;

namespace OrleansMesos.Grains.Allocation;

/// <summary>
/// One allocator partition: the engine over a shard of nodes. Changes schedule a pass a moment later, so that
/// a burst of changes makes one pass; each pass's leases are written before they are offered, so a
/// reactivated partition knows every lease it handed out. Committed resources are rebuilt from the node
/// grains on activation: the node grains, not this grain, are the authority.
/// </summary>
public sealed partial class AllocatorPartitionGrain(
    [PersistentState("partition", OrleansMesosOptions.StorageName)] IPersistentState<PartitionGrainState> state,
    IOptions<OrleansMesosOptions> options,
    ClusterClock clock,
    ClusterMetrics metrics,
    ILogger<AllocatorPartitionGrain> logger) : Grain, IAllocatorPartitionGrain
{
    private const int RememberedEndings = 4096;

    private readonly OrleansMesosOptions _options = options.Value;
    private readonly Dictionary<LeaseId, string> _ended = [];
    private readonly Queue<LeaseId> _endedOrder = new();

    /// <summary>Per node, the number of the last release this view reflects (from the rebuild's snapshot, then each release taken).</summary>
    private readonly Dictionary<NodeId, long> _released = [];
    private AllocationEngine _engine = null!;
    private IGrainTimer _passTimer = null!;
    private bool _passScheduled;
    private long _passes;
    private long _grants;

    private int Partition => (int)this.GetPrimaryKeyLong();

    private PartitionGrainState Books => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _engine = new AllocationEngine(new AllocationOptions { Seed = Partition }, clock.Provider);
        foreach (var role in Books.Roles.Values)
        {
            _engine.SetRole(PartitionEngine.ForPartition(role, _options.Partitions));
        }

        foreach (var fw in Books.Frameworks.Values)
        {
            AddToEngine(fw);
        }

        foreach (var node in Books.Nodes.Values)
        {
            _engine.AddNode(PartitionEngine.ToSpec(node));
            _engine.SetNodeSchedulable(node.Node, node.Schedulable);
        }

        await RebuildCommitted();
        _passTimer = this.RegisterGrainTimer(RunPass, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = false });
        var housekeeping = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, _options.LeaseTtl.Ticks / 2));
        this.RegisterGrainTimer(_ => Allocate(), new GrainTimerCreationOptions(housekeeping, housekeeping) { Interleave = false });
        this.RegisterGrainTimer(ExchangeOnTimer, new GrainTimerCreationOptions(TimeSpan.Zero, _options.LedgerInterval) { Interleave = false });
        LogActivated(Partition, Books.Nodes.Count, Books.Leases.Count);
        SchedulePass();
    }

    /// <inheritdoc />
    public async Task UpsertNode(PartitionNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Books.Nodes.TryGetValue(node.Node, out var known))
        {
            if (known.Capacity != node.Capacity || !SameAttributes(known.Attributes, node.Attributes))
            {
                // Re-add with the new shape; what is held there is restored as far as it fits.
                foreach (var (framework, held) in _engine.RemoveNode(node.Node))
                {
                    _engine.AddNode(PartitionEngine.ToSpec(node));
                    _engine.RestoreAllocation(framework, node.Node, Resources.Min(held, node.Capacity));
                }

                if (!_engine.ContainsNode(node.Node))
                {
                    _engine.AddNode(PartitionEngine.ToSpec(node));
                }
            }

            _engine.SetNodeSchedulable(node.Node, node.Schedulable);
        }
        else
        {
            _engine.AddNode(PartitionEngine.ToSpec(node));
            _engine.SetNodeSchedulable(node.Node, node.Schedulable);
        }

        Books.Nodes[node.Node] = node;
        await state.WriteOrStepDownAsync(this);
        SchedulePass();
    }

    /// <inheritdoc />
    public async Task SetNodeSchedulable(NodeId node, bool schedulable)
    {
        if (!Books.Nodes.TryGetValue(node, out var known))
        {
            throw new UnknownEntityException("node", node.Value);
        }

        Books.Nodes[node] = known with { Schedulable = schedulable };
        _engine.SetNodeSchedulable(node, schedulable);
        if (!schedulable)
        {
            var rescinded = Books.Leases.Values.Where(r => r.ClaimedBy is null && r.Lease.Node == node).Select(r => r.Lease).ToList();
            foreach (var lease in rescinded)
            {
                EndLease(lease, "rescinded: its node stopped taking work");
                ReturnLease(lease);
            }

            await state.WriteOrStepDownAsync(this);
            Rescind(rescinded);
        }
        else
        {
            await state.WriteOrStepDownAsync(this);
            SchedulePass();
        }
    }

    /// <inheritdoc />
    public async Task RemoveNode(NodeId node)
    {
        if (!Books.Nodes.Remove(node))
        {
            return;
        }

        _released.Remove(node);

        var rescinded = Books.Leases.Values.Where(r => r.ClaimedBy is null && r.Lease.Node == node).Select(r => r.Lease).ToList();
        foreach (var lease in rescinded)
        {
            EndLease(lease, "rescinded: its node left the cluster");
        }

        foreach (var (framework, _) in _engine.RemoveNode(node))
        {
            ForgetIfEmpty(framework);
        }

        await state.WriteOrStepDownAsync(this);
        Rescind(rescinded);
        SchedulePass();
    }

    /// <inheritdoc />
    public async Task UpsertFramework(PartitionFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var isNew = !Books.Frameworks.TryGetValue(framework.Id, out var known);
        if (!isNew && known!.DemandVersion > framework.DemandVersion)
        {
            return;
        }

        Books.Removed.Remove(framework.Id);
        Books.Frameworks[framework.Id] = framework;
        if (!_engine.ContainsFramework(framework.Id))
        {
            AddToEngine(framework);
            await state.WriteOrStepDownAsync(this);
        }
        else
        {
            // Demand changes often and is re-sent by the framework grain; it is written with the next pass.
            _engine.SetDemand(framework.Id, DemandOf(framework));
        }

        SchedulePass();
    }

    /// <inheritdoc />
    public async Task RemoveFramework(FrameworkId framework)
    {
        if (!Books.Frameworks.Remove(framework))
        {
            return;
        }

        var leases = Books.Leases.Values.Where(r => r.Lease.Framework == framework && r.ClaimedBy is null).Select(r => r.Lease).ToList();
        foreach (var lease in leases)
        {
            EndLease(lease, "rescinded: its framework was removed");
            ReturnLease(lease);
        }

        _engine.SetDemand(framework, []);
        Books.Removed.Add(framework);
        ForgetIfEmpty(framework);
        await state.WriteOrStepDownAsync(this);
        SchedulePass();
    }

    /// <inheritdoc />
    public async Task SetRole(RoleSettings role)
    {
        ArgumentNullException.ThrowIfNull(role);
        Books.Roles[role.Name] = role;
        _engine.SetRole(PartitionEngine.ForPartition(role, _options.Partitions));
        await state.WriteOrStepDownAsync(this);
        SchedulePass();
    }

    /// <inheritdoc />
    public async Task<Lease> Claim(FrameworkId framework, LeaseId lease, string requestId)
    {
        var record = Find(framework, lease);
        if (record.ClaimedBy is { } by)
        {
            return by == requestId ? record.Lease : throw new LeaseUnavailableException(lease.Value, "redeemed by another request");
        }

        if (record.Lease.ExpiresAt <= clock.Now)
        {
            await ExpireLeases();
            throw new LeaseUnavailableException(lease.Value, "expired");
        }

        Books.Leases[lease] = record with { ClaimedBy = requestId };
        await state.WriteOrStepDownAsync(this);
        return record.Lease;
    }

    /// <inheritdoc />
    public async Task Complete(FrameworkId framework, LeaseId lease, Resources used)
    {
        var record = Find(framework, lease);
        if (record.ClaimedBy is null)
        {
            throw new InvalidFieldException("lease", "must be claimed before it is completed", lease.Value);
        }

        if (!used.FitsIn(record.Lease.Resources))
        {
            throw new InvalidFieldException("used", "must fit inside the lease", $"{used} of {record.Lease.Resources}");
        }

        var unused = record.Lease.Resources - used;
        // A node that left took what it held with it; a view rebuilt with the lease clipped holds less (never return more).
        if (!unused.IsZero && _engine.ContainsNode(record.Lease.Node))
        {
            _engine.Release(framework, record.Lease.Node, Resources.Min(unused, _engine.HeldOn(framework, record.Lease.Node)));
        }

        EndLease(record.Lease, "redeemed");
        ForgetIfEmpty(framework);
        await state.WriteOrStepDownAsync(this);
        SchedulePass();
    }

    /// <inheritdoc />
    public async Task Decline(FrameworkId framework, LeaseId lease, TimeSpan filter)
    {
        var record = Find(framework, lease);
        if (record.ClaimedBy is not null)
        {
            throw new LeaseUnavailableException(lease.Value, "redeemed");
        }

        ReturnLease(record.Lease, filter);
        EndLease(record.Lease, "declined");
        await state.WriteOrStepDownAsync(this);
        SchedulePass();
    }

    /// <inheritdoc />
    public Task Release(FrameworkId framework, NodeId node, Resources resources, long released = 0)
    {
        if (released > 0 && released <= _released.GetValueOrDefault(node))
        {
            // The view was rebuilt from a snapshot taken after this release: it already lacks these containers.
            LogReleaseIgnored(Partition, framework, node, resources);
            return Task.CompletedTask;
        }

        if (released > 0)
        {
            _released[node] = released;
        }

        if (!resources.IsZero && resources.FitsIn(_engine.HeldOn(framework, node)))
        {
            _engine.Release(framework, node, resources);
            ForgetIfEmpty(framework);
            SchedulePass();
        }
        else
        {
            // A view rebuilt after the containers ended already lacks them.
            LogReleaseIgnored(Partition, framework, node, resources);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Allocate()
    {
        await ExpireLeases();
        await Pass();
    }

    /// <inheritdoc />
    public Task<PartitionView> GetView()
    {
        var holdings = _engine.AllocatedByFramework();
        var capacity = _engine.Total;
        var roleHoldings = _engine.AllocatedByRole();
        return Task.FromResult(new PartitionView(
            Partition, _engine.NodeCount, capacity, _engine.Allocated, [.. Books.Leases.Values.Select(r => r.Lease)], holdings, _passes, _grants, roleHoldings));
    }
}
