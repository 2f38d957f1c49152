using OrleansMesos.Allocation.Internal;

namespace OrleansMesos.Allocation;

// The allocation pass: stage 1 meets guarantees, stage 2 shares fairly; each grant goes to the
// lowest weighted share that has a task that fits.
public sealed partial class AllocationEngine
{
    private readonly IndexedHeap<RoleState> _activeRoles = new();
    private int _stageStamp;

    /// <summary>
    /// Grants tasks until no demand fits or <paramref name="maxGrants"/> is reached, and returns the grants
    /// in the order they were made. Each grant is already allocated to its framework.
    /// </summary>
    public IReadOnlyList<Grant> Allocate(int maxGrants = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxGrants);
        ExpireFilters();
        var grants = new List<Grant>();
        if (_rolesWithGuarantee > 0)
        {
            RunStage(guaranteeStage: true, grants, maxGrants);
        }

        RunStage(guaranteeStage: false, grants, maxGrants);
        return grants;
    }

    private void RunStage(bool guaranteeStage, List<Grant> grants, int maxGrants)
    {
        var stamp = ++_stageStamp;
        LoadActive(guaranteeStage);
        while (_activeRoles.Count > 0 && grants.Count < maxGrants)
        {
            var role = _activeRoles.Peek();
            var fw = role.Active.Peek();
            if (TryPlace(fw, guaranteeStage, stamp, out var grant))
            {
                grants.Add(grant);
                fw.Key = FrameworkShare(fw);
                role.Active.Update(fw);
                if (guaranteeStage && !HasUnmetGuarantee(role))
                {
                    Deactivate(role);
                    continue;
                }

                role.Key = WeightedShare(role);
                _activeRoles.Update(role);
            }
            else
            {
                role.Active.Remove(fw);
                if (role.Active.Count == 0)
                {
                    _activeRoles.Remove(role);
                }
            }
        }

        foreach (var role in _roles.Values)
        {
            Deactivate(role);
        }
    }

    private void LoadActive(bool guaranteeStage)
    {
        _activeRoles.Clear();
        foreach (var role in _roles.Values)
        {
            role.Active.Clear();
            if (guaranteeStage && !HasUnmetGuarantee(role))
            {
                continue;
            }

            foreach (var fw in role.Frameworks)
            {
                if (fw.RemainingTotal > 0 && !fw.Suppressed)
                {
                    fw.Key = FrameworkShare(fw);
                    role.Active.AddUnordered(fw);
                }
            }

            if (role.Active.Count > 0)
            {
                role.Active.Heapify();
                role.Key = WeightedShare(role);
                _activeRoles.AddUnordered(role);
            }
        }

        _activeRoles.Heapify();
    }

    private void Deactivate(RoleState role)
    {
        role.Active.Clear();
        if (_activeRoles.Contains(role))
        {
            _activeRoles.Remove(role);
        }
    }

    /// <summary>Grants the framework one task from its first demand group that may and can be placed.</summary>
    private bool TryPlace(FrameworkState fw, bool guaranteeStage, int stamp, out Grant grant)
    {
        var role = fw.Role;
        for (var g = 0; g < fw.Demand.Length; g++)
        {
            if (fw.Remaining[g] == 0 || fw.BlockedInStage[g] == stamp)
            {
                continue;
            }

            var group = fw.Demand[g];
            var task = group.Task;
            var allowed = role.Settings.WithinLimit(RoleHolding(role) + task)
                && (guaranteeStage ? ContributesToGuarantee(role, task) : HeadroomAllows(role, task));
            var node = allowed ? FindNode(fw, group) : null;
            if (node is null)
            {
                fw.BlockedInStage[g] = stamp;
                continue;
            }

            Commit(fw, node, task);
            fw.Remaining[g]--;
            fw.RemainingTotal--;
            grant = new Grant(fw.Spec.Id, node.Spec.Id, task, g, fw.DemandVersion);
            return true;
        }

        grant = default;
        return false;
    }

    /// <summary>
    /// First fit: the lowest slot whose free resources cover the task and that the framework has not
    /// filtered. Tasks without GPUs look in the pool without GPUs first, so that GPU nodes stay free
    /// for GPU work; with the GPU guard on, only GPU-capable frameworks see GPU nodes at all.
    /// </summary>
    private NodeState? FindNode(FrameworkState fw, DemandGroup group)
    {
        var task = group.Task;
        var seesGpuNodes = fw.Spec.GpuCapable || !_options.GpuGuard;
        if (task.Gpus > 0)
        {
            return seesGpuNodes ? FindIn(_gpuPool, 1, fw, group) : null;
        }

        return FindIn(_cpuPool, 0, fw, group) ?? (seesGpuNodes ? FindIn(_gpuPool, 1, fw, group) : null);
    }

    private static NodeState? FindIn(FitIndex pool, int poolId, FrameworkState fw, DemandGroup group)
    {
        var filters = fw.Filters;
        var constrained = group.Constraints.Count > 0;
        var from = 0;
        while (true)
        {
            var slot = pool.FirstFit(group.Task, from);
            if (slot < 0)
            {
                return null;
            }

            if (filters.Count > 0 && filters.Has(poolId, slot))
            {
                // Leap over the run of filtered slots instead of stepping through them one by one.
                from = filters.NextUnfiltered(poolId, slot + 1);
                continue;
            }

            var node = pool.NodeAt(slot);
            if (!constrained || node.Matches(group.Constraints))
            {
                return node;
            }

            from = slot + 1;
        }
    }

    private static bool HasUnmetGuarantee(RoleState role) =>
        !role.Settings.Guarantee.IsZero && !role.Unmet.IsZero;

    /// <summary>A task helps meet a guarantee when it uses some resource of which the role still lacks some.</summary>
    private static bool ContributesToGuarantee(RoleState role, in Resources task) =>
        (role.Unmet.NonZeroKinds & task.NonZeroKinds) != ResourceKind.None;

    /// <summary>
    /// Stage 2 may grant only while the free resources left afterwards still cover every guarantee not
    /// met yet (the role's own counts as reduced by the task), so fair sharing cannot starve a guarantee.
    /// </summary>
    private bool HeadroomAllows(RoleState role, in Resources task)
    {
        if (_requiredHeadroom.IsZero)
        {
            return true;
        }

        if (!task.FitsIn(_schedulableFree))
        {
            return false;
        }

        var ownBefore = role.Unmet;
        var ownAfter = Resources.SaturatingSubtract(role.Settings.Guarantee, role.Allocated + task);
        var requiredAfter = _requiredHeadroom - ownBefore + ownAfter;
        return requiredAfter.FitsIn(_schedulableFree - task);
    }

    private double Share(in Resources allocation) =>
        allocation.DominantShare(_shareTotal ?? _total, _options.FairnessExcludedResources);

    /// <summary>A framework's dominant share of the cluster: what it holds here plus what it holds elsewhere.</summary>
    private double FrameworkShare(FrameworkState fw) => Share(fw.External.IsZero ? fw.Allocated : fw.Allocated + fw.External);

    /// <summary>A role's dominant share of the cluster, here and elsewhere.</summary>
    private double RoleShare(RoleState role) => Share(RoleHolding(role));

    /// <summary>A role's dominant share divided by its weight: what DRF orders roles by.</summary>
    private double WeightedShare(RoleState role) => RoleShare(role) / role.Settings.Weight;

    /// <summary>What a role holds cluster-wide as far as this engine knows: here, plus elsewhere (see <see cref="SetGlobalView"/>).</summary>
    private static Resources RoleHolding(RoleState role) => role.External.IsZero ? role.Allocated : role.Allocated + role.External;
}
