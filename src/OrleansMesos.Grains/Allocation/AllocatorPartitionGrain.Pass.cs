using OrleansMesos.Allocation;
using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Allocation;

// Passes, lease bookkeeping and the rebuild of committed resources.
public sealed partial class AllocatorPartitionGrain
{
    private void SchedulePass()
    {
        if (!_passScheduled)
        {
            _passScheduled = true;
            _passTimer.Change(_options.AllocationBatchDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private Task RunPass(CancellationToken cancellationToken) => Pass();

    /// <summary>Runs the engine, turns its grants into leases (one per framework, node and demand group), writes them, then offers them.</summary>
    private async Task Pass()
    {
        _passScheduled = false;
        _passes++;
        var started = metrics.PassStarted();

        // In a burst every partition passes at once: a view even a fraction of the ledger interval old lets
        // them all favour the same frameworks (shares strayed 0.02-0.05 from one engine). Each pass refreshes
        // it first; passes are batched, so the ledger sees at most one call per partition per batch.
        await ExchangeUsage();

        var grants = _engine.Allocate();
        if (grants.Count == 0)
        {
            metrics.PassEnded(Partition, started);
            return;
        }

        _grants += grants.Count;
        var expiresAt = clock.Now + _options.LeaseTtl;
        var leases = grants
            .GroupBy(g => (g.Framework, g.Node, g.Group))
            .Select(group => new Lease(
                LeaseIds.New(Partition),
                group.Key.Framework,
                group.Key.Node,
                group.Aggregate(Resources.Zero, (sum, g) => sum + g.Resources),
                group.Count(),
                expiresAt,
                Partition,
                group.Key.Group))
            .ToList();
        foreach (var lease in leases)
        {
            Books.Leases[lease.Id] = new LeaseRecord(lease, null);
            Books.GrantedTasks[lease.Framework] = Books.GrantedTasks.GetValueOrDefault(lease.Framework) + lease.Tasks;
            metrics.LeaseGranted(Partition, RoleOf(lease.Framework));
        }

        // Written before offered: a partition that restarts now still knows these leases are out.
        await state.WriteOrStepDownAsync(this);
        foreach (var byFramework in leases.GroupBy(l => l.Framework))
        {
            GrainFactory.GetGrain<IFrameworkGrain>(byFramework.Key.Value).Offer([.. byFramework]).Ignore();
        }

        metrics.PassEnded(Partition, started);
    }

    /// <summary>
    /// Expires unclaimed leases past their time. A claimed lease whose redemption never completed (its
    /// framework grain died mid-way) is settled from its node's books after a further lease lifetime.
    /// </summary>
    private async Task ExpireLeases()
    {
        var now = clock.Now;
        var expired = Books.Leases.Values.Where(r => r.ClaimedBy is null && r.Lease.ExpiresAt <= now).Select(r => r.Lease).ToList();
        var stuck = Books.Leases.Values.Where(r => r.ClaimedBy is not null && r.Lease.ExpiresAt + _options.LeaseTtl <= now).Select(r => r.Lease).ToList();
        if (expired.Count == 0 && stuck.Count == 0)
        {
            return;
        }

        foreach (var lease in expired)
        {
            ReturnLease(lease);
            EndLease(lease, "expired");
        }

        // An expired lease is no longer in flight: its framework's demand here counts it no more.
        RefreshDemand(expired.Select(l => l.Framework));

        foreach (var lease in stuck)
        {
            var snapshot = await GrainFactory.GetGrain<INodeGrain>(lease.Node.Value).GetSnapshot();
            var used = snapshot.Containers.Where(c => c.Lease == lease.Id && !c.State.IsTerminal())
                .Aggregate(Resources.Zero, (sum, c) => sum + c.Spec.Resources);
            _engine.Release(lease.Framework, lease.Node, Resources.Min(Resources.SaturatingSubtract(lease.Resources, used), _engine.HeldOn(lease.Framework, lease.Node)));
            EndLease(lease, "redeemed");
        }

        await state.WriteOrStepDownAsync(this);
        Rescind(expired);
        SchedulePass();
    }

    private void Rescind(List<Lease> leases)
    {
        foreach (var byFramework in leases.GroupBy(l => l.Framework))
        {
            GrainFactory.GetGrain<IFrameworkGrain>(byFramework.Key.Value).Rescind([.. byFramework.Select(l => l.Id)]).Ignore();
        }
    }

    /// <summary>
    /// Gives an unredeemed lease's resources back (a decline, an expiry, a rescinding). Never more than the framework
    /// holds on the node: after a rebuild from the nodes' books a late release of containers the rebuild already
    /// left out may have taken part of a lease's share, and returning the whole lease would then be refused and
    /// wedge the partition. The node grain, not this count, is what keeps the node from over-commit.
    /// </summary>
    private void ReturnLease(Lease lease, TimeSpan filter = default)
    {
        if (!_engine.ContainsNode(lease.Node))
        {
            return; // the node left, and what was held there with it
        }

        var grant = PartitionEngine.Returned(lease);
        var held = _engine.HeldOn(lease.Framework, lease.Node);
        if (!grant.Resources.FitsIn(held))
        {
            LogLeaseShareShort(Partition, lease.Id, lease.Resources, held);
            grant = grant with { Resources = Resources.Min(grant.Resources, held) };
        }

        _engine.Decline(grant, filter);
    }

    /// <summary>Removes a lease from the books and remembers, for a while, how it ended.</summary>
    private void EndLease(Lease lease, string how)
    {
        Books.Leases.Remove(lease.Id);
        metrics.LeaseEnded(Partition, RoleOf(lease.Framework), how);
        if (_ended.TryAdd(lease.Id, how))
        {
            _endedOrder.Enqueue(lease.Id);
            if (_endedOrder.Count > RememberedEndings)
            {
                _ended.Remove(_endedOrder.Dequeue());
            }
        }
    }

    /// <summary>The framework's lease, or the error that says why not.</summary>
    private LeaseRecord Find(FrameworkId framework, LeaseId lease)
    {
        if (!Books.Leases.TryGetValue(lease, out var record))
        {
            throw _ended.TryGetValue(lease, out var how)
                ? new LeaseUnavailableException(lease.Value, how)
                : new UnknownEntityException("lease", lease.Value);
        }

        if (record.Lease.Framework != framework)
        {
            throw new ForbiddenException("lease", lease.Value, framework.Value);
        }

        return record;
    }

    private void AddToEngine(PartitionFramework framework)
    {
        _engine.AddFramework(new FrameworkSpec(framework.Id, framework.Role, framework.GpuCapable));
        _engine.SetDemand(framework.Id, DemandOf(framework));
    }

    /// <summary>
    /// The framework's share of demand, less the tasks of leases granted here that the framework grain had not
    /// seen when it computed the share: those are on their way to it and cover part of the share already. Never
    /// more than the tasks of its leases still outstanding here: an offer that never arrived (its framework grain
    /// failed to take it, its silo died) must not hold the demand down once its lease has expired.
    /// </summary>
    private IReadOnlyList<DemandGroup> DemandOf(PartitionFramework framework)
    {
        var unseen = Math.Max(0, Books.GrantedTasks.GetValueOrDefault(framework.Id) - framework.SeenTasks);
        var outstanding = 0L;
        foreach (var record in Books.Leases.Values)
        {
            if (record.ClaimedBy is null && record.Lease.Framework == framework.Id)
            {
                outstanding += record.Lease.Tasks;
            }
        }

        return PartitionEngine.ToDemand(framework.Demand, Math.Min(unseen, outstanding));
    }

    /// <summary>Sets the engine's demand of these frameworks anew from their last shares (their leases in flight changed).</summary>
    private void RefreshDemand(IEnumerable<FrameworkId> frameworks)
    {
        foreach (var id in frameworks.Distinct())
        {
            if (Books.Frameworks.TryGetValue(id, out var framework) && _engine.ContainsFramework(id))
            {
                _engine.SetDemand(id, DemandOf(framework));
            }
        }
    }

    /// <summary>Forgets a removed framework once it holds nothing here.</summary>
    private void ForgetIfEmpty(FrameworkId framework)
    {
        if (Books.Removed.Contains(framework) && _engine.GetFrameworkView(framework).Allocated.IsZero
            && !Books.Leases.Values.Any(r => r.Lease.Framework == framework))
        {
            _engine.RemoveFramework(framework);
            Books.Removed.Remove(framework);
        }
    }

    /// <summary>
    /// Rebuilds what is committed from the node grains (the authority), then adds the outstanding leases.
    /// A lease whose containers the node already holds was redeemed: the node's books count it.
    /// </summary>
    private async Task RebuildCommitted()
    {
        var snapshots = await Task.WhenAll(Books.Nodes.Keys.Select(n => GrainFactory.GetGrain<INodeGrain>(n.Value).GetSnapshot()));
        var committedLeases = new HashSet<LeaseId>();
        foreach (var snapshot in snapshots)
        {
            foreach (var held in snapshot.Containers.Where(c => !c.State.IsTerminal()).GroupBy(c => c.Framework))
            {
                EnsureFramework(held.Key);
                var sum = held.Aggregate(Resources.Zero, (s, c) => s + c.Spec.Resources);
                _engine.RestoreAllocation(held.Key, snapshot.Node, Resources.Min(sum, _engine.GetNodeView(snapshot.Node).Free));
            }

            committedLeases.UnionWith(snapshot.Containers.Select(c => c.Lease));
            _released[snapshot.Node] = snapshot.Released;
            if (snapshot.Registered && !snapshot.Reachable)
            {
                _engine.SetNodeSchedulable(snapshot.Node, false);
            }
        }

        foreach (var record in Books.Leases.Values.ToList())
        {
            var lease = record.Lease;
            if (committedLeases.Contains(lease.Id) || !Books.Nodes.ContainsKey(lease.Node))
            {
                Books.Leases.Remove(lease.Id);
                continue;
            }

            EnsureFramework(lease.Framework);
            var free = _engine.GetNodeView(lease.Node).Free;
            _engine.RestoreAllocation(lease.Framework, lease.Node, Resources.Min(lease.Resources, free));
        }
    }

    /// <summary>A framework the books no longer know (removed) but whose containers still run is kept, with no demand, until they end.</summary>
    private void EnsureFramework(FrameworkId framework)
    {
        if (!_engine.ContainsFramework(framework))
        {
            _engine.AddFramework(new FrameworkSpec(framework, Books.Frameworks.TryGetValue(framework, out var f) ? f.Role : new RoleName("unowned")));
            Books.Removed.Add(framework);
        }
    }

    /// <summary>Sends this shard's usage to the ledger and takes back the cluster-wide sums.</summary>
    private async Task ExchangeUsage()
    {
        var usage = _engine.AllocatedByFramework();
        GlobalUsage global;
        try
        {
            global = await GrainFactory.GetGrain<IFairShareLedgerGrain>(0).Exchange(new PartitionUsage(Partition, _engine.Total, usage));
        }
        catch (Exception ex) when (ex is not OrleansMesosException { MayPass: false })
        {
            LogLedgerUnavailable(ex, Partition);
            return;
        }

        var elsewhere = new Dictionary<FrameworkId, Resources>();
        foreach (var (framework, total) in global.Usage)
        {
            var mine = usage.GetValueOrDefault(framework);
            var outside = Resources.SaturatingSubtract(total, mine);
            if (!outside.IsZero)
            {
                elsewhere[framework] = outside;
            }
        }

        _engine.SetGlobalView(global.Capacity.IsZero ? null : global.Capacity, elsewhere);
    }

    private async Task ExchangeOnTimer(CancellationToken cancellationToken)
    {
        await ExchangeUsage();
        PublishShares();
        if (_engine.HasPendingDemand)
        {
            SchedulePass();
        }
    }

    private static bool SameAttributes(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
