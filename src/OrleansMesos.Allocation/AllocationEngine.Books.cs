using OrleansMesos.Allocation.Internal;
using OrleansMesos.Errors;

namespace OrleansMesos.Allocation;

// Nodes, roles, frameworks and the allocations they hold: the engine's books.
public sealed partial class AllocationEngine
{
    private readonly Dictionary<NodeId, NodeState> _nodes = [];
    private readonly Dictionary<RoleName, RoleState> _roles = [];
    private readonly Dictionary<FrameworkId, FrameworkState> _frameworks = [];
    private readonly FitIndex _cpuPool;
    private readonly FitIndex _gpuPool;

    private Resources _total;
    private Resources _allocated;
    private Resources _schedulableFree;
    private Resources _requiredHeadroom;
    private int _rolesWithGuarantee;

    /// <summary>The capacity of every node the engine knows.</summary>
    public Resources Total => _total;

    /// <summary>Everything granted or restored and not yet released.</summary>
    public Resources Allocated => _allocated;

    /// <summary>The number of nodes.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Adds a node; its capacity becomes part of the cluster's total.</summary>
    /// <exception cref="DuplicateEntityException">A node with the id exists.</exception>
    public void AddNode(NodeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_nodes.ContainsKey(spec.Id))
        {
            throw new DuplicateEntityException("node", spec.Id.Value);
        }

        var poolId = spec.Capacity.Gpus > 0 ? 1 : 0;
        var pool = poolId == 1 ? _gpuPool : _cpuPool;
        var node = new NodeState(spec, pool, poolId);
        node.Slot = pool.Add(node);
        pool.Update(node.Slot, spec.Capacity, schedulable: true);
        _nodes.Add(spec.Id, node);
        _total += spec.Capacity;
        _schedulableFree += spec.Capacity;
    }

    /// <summary>
    /// Removes a node and every allocation on it, returning what each framework lost there
    /// (a node that left or was lost: its tasks are gone).
    /// </summary>
    /// <exception cref="UnknownEntityException">No such node.</exception>
    public IReadOnlyList<(FrameworkId Framework, Resources Resources)> RemoveNode(NodeId id)
    {
        var node = GetNode(id);
        var lost = new List<(FrameworkId, Resources)>();
        foreach (var fw in _frameworks.Values)
        {
            if (fw.Holdings.TryGetValue(node, out var held))
            {
                Uncommit(fw, node, held);
                lost.Add((fw.Spec.Id, held));
            }

            fw.Filters.Remove(node.PoolId, node.Slot);
        }

        if (node.Schedulable)
        {
            _schedulableFree -= node.Free;
        }

        node.Pool.Remove(node.Slot);
        _nodes.Remove(id);
        _total -= node.Spec.Capacity;
        return lost;
    }

    /// <summary>Lets a node take new grants, or stops it (draining, unreachable); what it holds stays.</summary>
    /// <exception cref="UnknownEntityException">No such node.</exception>
    public void SetNodeSchedulable(NodeId id, bool schedulable)
    {
        var node = GetNode(id);
        if (node.Schedulable == schedulable)
        {
            return;
        }

        node.Schedulable = schedulable;
        _schedulableFree = schedulable ? _schedulableFree + node.Free : _schedulableFree - node.Free;
        node.Pool.Update(node.Slot, node.Free, schedulable);
    }

    /// <summary>Adds a role or changes its weight, guarantee or limit; takes effect at the next grant.</summary>
    /// <remarks>A limit below what the role holds revokes nothing; the role simply receives no more.</remarks>
    public void SetRole(RoleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!_roles.TryGetValue(settings.Name, out var role))
        {
            role = new RoleState(settings) { Tie = _tieBreaks.NextInt64() };
            _roles.Add(settings.Name, role);
            CountGuarantee(role, +1);
            _requiredHeadroom += role.Unmet;
            return;
        }

        var unmetBefore = role.Unmet;
        CountGuarantee(role, -1);
        role.Settings = settings;
        CountGuarantee(role, +1);
        _requiredHeadroom = _requiredHeadroom - unmetBefore + role.Unmet;
    }

    /// <summary>Removes a role that has no frameworks.</summary>
    /// <exception cref="UnknownEntityException">No such role.</exception>
    /// <exception cref="InvalidFieldException">The role still has frameworks.</exception>
    public void RemoveRole(RoleName name)
    {
        var role = GetRole(name);
        if (role.Frameworks.Count > 0)
        {
            throw new InvalidFieldException("role", "must have no frameworks to be removed", $"{name} has {role.Frameworks.Count}");
        }

        CountGuarantee(role, -1);
        _requiredHeadroom -= role.Unmet;
        _roles.Remove(name);
    }

    /// <summary>Adds a framework with no demand; its role is created with default settings if unknown.</summary>
    /// <exception cref="DuplicateEntityException">A framework with the id exists.</exception>
    public void AddFramework(FrameworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_frameworks.ContainsKey(spec.Id))
        {
            throw new DuplicateEntityException("framework", spec.Id.Value);
        }

        if (!_roles.TryGetValue(spec.Role, out var role))
        {
            SetRole(new RoleSettings(spec.Role));
            role = _roles[spec.Role];
        }

        var fw = new FrameworkState(spec, role) { Tie = _tieBreaks.NextInt64() };
        role.Frameworks.Add(fw);
        _frameworks.Add(spec.Id, fw);
    }

    /// <summary>Removes a framework, returning everything it holds to the nodes.</summary>
    /// <exception cref="UnknownEntityException">No such framework.</exception>
    public void RemoveFramework(FrameworkId id)
    {
        var fw = GetFramework(id);
        foreach (var (node, held) in fw.Holdings.ToArray())
        {
            Uncommit(fw, node, held);
        }

        fw.Role.Frameworks.Remove(fw);
        _frameworks.Remove(id);
    }

    /// <summary>Replaces a framework's demand. Grants made under the old demand stay; declining them no longer returns tasks.</summary>
    /// <exception cref="UnknownEntityException">No such framework.</exception>
    public void SetDemand(FrameworkId id, IReadOnlyList<DemandGroup> demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        GetFramework(id).SetDemand(demand);
    }

    /// <summary>Stops grants to a framework until <see cref="Revive"/>.</summary>
    public void Suppress(FrameworkId id) => GetFramework(id).Suppressed = true;

    /// <summary>Resumes grants to a framework and clears its filters, as Mesos's revive does.</summary>
    public void Revive(FrameworkId id)
    {
        var fw = GetFramework(id);
        fw.Suppressed = false;
        fw.Filters.Clear();
    }

    /// <summary>
    /// Records resources a framework already holds on a node (tasks found running, a rebuilt view)
    /// without touching its demand.
    /// </summary>
    /// <exception cref="OverCommitException">The node has not that much free; nothing is recorded.</exception>
    public void RestoreAllocation(FrameworkId framework, NodeId node, Resources resources)
    {
        var fw = GetFramework(framework);
        var n = GetNode(node);
        if (!resources.FitsIn(n.Free))
        {
            throw new OverCommitException(node.Value, resources, n.Free);
        }

        Commit(fw, n, resources);
    }

    /// <summary>Returns resources a framework holds on a node (its task ended).</summary>
    /// <exception cref="InvalidFieldException">The framework holds less than that on the node; nothing changes.</exception>
    public void Release(FrameworkId framework, NodeId node, Resources resources) =>
        Release(GetFramework(framework), GetNode(node), resources);

    /// <summary>
    /// Declines a grant: its resources return, its task returns to the framework's demand (while that
    /// demand is the one it was granted from), and, with a <paramref name="filter"/>, the node is not
    /// granted to the framework again for that long. A filter of <see cref="FilterUntilRevived"/> or longer
    /// holds until <see cref="Revive"/>.
    /// </summary>
    public void Decline(in Grant grant, TimeSpan filter = default)
    {
        if (filter < TimeSpan.Zero && filter != Timeout.InfiniteTimeSpan)
        {
            throw new InvalidFieldException("filter", "must not be negative", filter.ToString());
        }

        var fw = GetFramework(grant.Framework);
        var node = GetNode(grant.Node);
        Release(fw, node, grant.Resources);
        if (grant.DemandVersion == fw.DemandVersion && grant.Group < fw.Remaining.Length)
        {
            fw.Remaining[grant.Group]++;
            fw.RemainingTotal++;
        }

        if (filter != TimeSpan.Zero)
        {
            AddFilter(fw, node, filter);
        }
    }

    private void Release(FrameworkState fw, NodeState node, in Resources resources)
    {
        if (!fw.Holdings.TryGetValue(node, out var held) || !resources.FitsIn(held))
        {
            throw new InvalidFieldException(
                "resources",
                "must not exceed what the framework holds on the node",
                $"{fw.Spec.Id} holds {held} on {node.Spec.Id}, asked to release {resources}");
        }

        Uncommit(fw, node, resources);
    }

    private void Commit(FrameworkState fw, NodeState node, in Resources resources)
    {
        node.Allocated += resources;
        if (node.Schedulable)
        {
            _schedulableFree -= resources;
        }

        node.Pool.Update(node.Slot, node.Free, node.Schedulable);
        fw.Holdings[node] = fw.Holdings.TryGetValue(node, out var held) ? held + resources : resources;
        fw.Allocated += resources;
        SetRoleAllocation(fw.Role, fw.Role.Allocated + resources);
        _allocated += resources;
    }

    private void Uncommit(FrameworkState fw, NodeState node, in Resources resources)
    {
        node.Allocated -= resources;
        if (node.Schedulable)
        {
            _schedulableFree += resources;
        }

        node.Pool.Update(node.Slot, node.Free, node.Schedulable);
        var left = fw.Holdings[node] - resources;
        if (left.IsZero)
        {
            fw.Holdings.Remove(node);
        }
        else
        {
            fw.Holdings[node] = left;
        }

        fw.Allocated -= resources;
        SetRoleAllocation(fw.Role, fw.Role.Allocated - resources);
        _allocated -= resources;
    }

    private void SetRoleAllocation(RoleState role, in Resources allocation)
    {
        if (role.Settings.Guarantee.IsZero)
        {
            role.Allocated = allocation;
            return;
        }

        var before = role.Unmet;
        role.Allocated = allocation;
        _requiredHeadroom = _requiredHeadroom - before + role.Unmet;
    }

    private void CountGuarantee(RoleState role, int sign)
    {
        if (!role.Settings.Guarantee.IsZero)
        {
            _rolesWithGuarantee += sign;
        }
    }

    private NodeState GetNode(NodeId id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new UnknownEntityException("node", id.Value ?? "null");

    private RoleState GetRole(RoleName name) =>
        _roles.TryGetValue(name, out var role) ? role : throw new UnknownEntityException("role", name.Value ?? "null");

    private FrameworkState GetFramework(FrameworkId id) =>
        _frameworks.TryGetValue(id, out var fw) ? fw : throw new UnknownEntityException("framework", id.Value ?? "null");
}
