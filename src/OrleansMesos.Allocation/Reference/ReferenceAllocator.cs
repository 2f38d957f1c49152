using OrleansMesos.Errors;

namespace OrleansMesos.Allocation.Reference;

/// <summary>
/// The allocation policy of <see cref="AllocationEngine"/> written as plainly as possible: before every
/// grant it sorts all roles and frameworks afresh and scans the nodes in order. It is slow on purpose
/// (O(F log F + N) a grant) and exists to check the engine against (the same calls give the same
/// grants) and as the baseline its benchmarks are measured against. Supports what those need: no node
/// removal, no schedulability changes, no views beyond shares.
/// </summary>
public sealed class ReferenceAllocator
{
    private readonly AllocationOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _tieBreaks;
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<RoleName, Role> _roles = [];
    private readonly Dictionary<FrameworkId, Framework> _frameworks = [];
    private Resources _total;

    /// <summary>Creates an empty allocator; the same options and calls as an engine give the same grants.</summary>
    public ReferenceAllocator(AllocationOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? AllocationOptions.Default;
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _tieBreaks = new Random(_options.Seed);
    }

    /// <summary>Adds a node.</summary>
    public void AddNode(NodeSpec spec)
    {
        if (_nodes.Any(n => n.Spec.Id == spec.Id))
        {
            throw new DuplicateEntityException("node", spec.Id.Value);
        }

        _nodes.Add(new Node(spec));
        _total += spec.Capacity;
    }

    /// <summary>Adds or updates a role.</summary>
    public void SetRole(RoleSettings settings)
    {
        if (_roles.TryGetValue(settings.Name, out var role))
        {
            role.Settings = settings;
        }
        else
        {
            _roles.Add(settings.Name, new Role(settings, _tieBreaks.NextInt64()));
        }
    }

    /// <summary>Adds a framework; its role is created with defaults if unknown.</summary>
    public void AddFramework(FrameworkSpec spec)
    {
        if (_frameworks.ContainsKey(spec.Id))
        {
            throw new DuplicateEntityException("framework", spec.Id.Value);
        }

        if (!_roles.ContainsKey(spec.Role))
        {
            SetRole(new RoleSettings(spec.Role));
        }

        _frameworks.Add(spec.Id, new Framework(spec, _roles[spec.Role], _tieBreaks.NextInt64()));
    }

    /// <summary>Replaces a framework's demand.</summary>
    public void SetDemand(FrameworkId id, IReadOnlyList<DemandGroup> demand)
    {
        var fw = _frameworks[id];
        fw.Demand = [.. demand];
        fw.Remaining = [.. demand.Select(d => d.Count)];
        fw.Version++;
    }

    /// <summary>Stops grants to a framework.</summary>
    public void Suppress(FrameworkId id) => _frameworks[id].Suppressed = true;

    /// <summary>Resumes grants and clears filters.</summary>
    public void Revive(FrameworkId id)
    {
        _frameworks[id].Suppressed = false;
        _frameworks[id].Filters.Clear();
    }

    /// <summary>Records resources already held.</summary>
    public void RestoreAllocation(FrameworkId framework, NodeId node, Resources resources)
    {
        var n = _nodes.Single(x => x.Spec.Id == node);
        if (!resources.FitsIn(n.Spec.Capacity - n.Allocated))
        {
            throw new OverCommitException(node.Value, resources, n.Spec.Capacity - n.Allocated);
        }

        Move(_frameworks[framework], n, resources, +1);
    }

    /// <summary>Returns held resources.</summary>
    public void Release(FrameworkId framework, NodeId node, Resources resources) =>
        Move(_frameworks[framework], _nodes.Single(x => x.Spec.Id == node), resources, -1);

    /// <summary>Declines a grant, as <see cref="AllocationEngine.Decline"/> does.</summary>
    public void Decline(in Grant grant, TimeSpan filter = default)
    {
        Release(grant.Framework, grant.Node, grant.Resources);
        var fw = _frameworks[grant.Framework];
        if (grant.DemandVersion == fw.Version && grant.Group < fw.Remaining.Length)
        {
            fw.Remaining[grant.Group]++;
        }

        if (filter != TimeSpan.Zero)
        {
            var forever = filter == Timeout.InfiniteTimeSpan || filter >= AllocationEngine.FilterUntilRevived;
            fw.Filters[grant.Node] = forever ? long.MaxValue : _time.GetTimestamp() + (long)(filter.TotalSeconds * _time.TimestampFrequency);
        }
    }

    /// <summary>A framework's dominant share.</summary>
    public double DominantShare(FrameworkId id) => Share(_frameworks[id].Allocated);

    /// <summary>What a framework holds.</summary>
    public Resources AllocatedTo(FrameworkId id) => _frameworks[id].Allocated;

    /// <summary>Grants until nothing fits or <paramref name="maxGrants"/> is reached.</summary>
    public IReadOnlyList<Grant> Allocate(int maxGrants = int.MaxValue)
    {
        var now = _time.GetTimestamp();
        foreach (var fw in _frameworks.Values)
        {
            foreach (var expired in fw.Filters.Where(f => f.Value <= now).Select(f => f.Key).ToList())
            {
                fw.Filters.Remove(expired);
            }
        }

        var grants = new List<Grant>();
        if (_roles.Values.Any(r => !r.Settings.Guarantee.IsZero))
        {
            while (grants.Count < maxGrants && PickOne(guaranteeStage: true) is { } g)
            {
                grants.Add(g);
            }
        }

        while (grants.Count < maxGrants && PickOne(guaranteeStage: false) is { } g)
        {
            grants.Add(g);
        }

        return grants;
    }

    private Grant? PickOne(bool guaranteeStage)
    {
        var roles = _roles.Values
            .Where(r => !guaranteeStage || !Unmet(r).IsZero)
            .OrderBy(r => Share(r.Allocated) / r.Settings.Weight).ThenBy(r => r.Tie);
        foreach (var role in roles)
        {
            var frameworks = _frameworks.Values
                .Where(f => f.Role == role && !f.Suppressed && f.Remaining.Any(c => c > 0))
                .OrderBy(f => Share(f.Allocated)).ThenBy(f => f.Tie);
            foreach (var fw in frameworks)
            {
                for (var g = 0; g < fw.Demand.Length; g++)
                {
                    var task = fw.Demand[g].Task;
                    if (fw.Remaining[g] == 0 || !role.Settings.WithinLimit(role.Allocated + task))
                    {
                        continue;
                    }

                    var allowed = guaranteeStage
                        ? (Unmet(role).NonZeroKinds & task.NonZeroKinds) != 0
                        : HeadroomAllows(role, task);
                    if (allowed && FindNode(fw, fw.Demand[g]) is { } node)
                    {
                        Move(fw, node, task, +1);
                        fw.Remaining[g]--;
                        return new Grant(fw.Spec.Id, node.Spec.Id, task, g, fw.Version);
                    }
                }
            }
        }

        return null;
    }

    private Node? FindNode(Framework fw, DemandGroup group)
    {
        var seesGpuNodes = fw.Spec.GpuCapable || !_options.GpuGuard;
        bool Usable(Node n) =>
            group.Task.FitsIn(n.Spec.Capacity - n.Allocated)
            && !fw.Filters.ContainsKey(n.Spec.Id)
            && group.Constraints.All(c => n.Spec.Attributes.TryGetValue(c.Key, out var v) && v == c.Value);

        var cpuNodes = _nodes.Where(n => n.Spec.Capacity.Gpus == 0);
        var gpuNodes = _nodes.Where(n => n.Spec.Capacity.Gpus > 0);
        if (group.Task.Gpus > 0)
        {
            return seesGpuNodes ? gpuNodes.FirstOrDefault(Usable) : null;
        }

        return cpuNodes.FirstOrDefault(Usable) ?? (seesGpuNodes ? gpuNodes.FirstOrDefault(Usable) : null);
    }

    private bool HeadroomAllows(Role role, Resources task)
    {
        var required = _roles.Values.Aggregate(Resources.Zero, (sum, r) => sum + Unmet(r));
        if (required.IsZero)
        {
            return true;
        }

        var free = _nodes.Aggregate(Resources.Zero, (sum, n) => sum + (n.Spec.Capacity - n.Allocated));
        if (!task.FitsIn(free))
        {
            return false;
        }

        var requiredAfter = required - Unmet(role) + Resources.SaturatingSubtract(role.Settings.Guarantee, role.Allocated + task);
        return requiredAfter.FitsIn(free - task);
    }

    private static Resources Unmet(Role role) => Resources.SaturatingSubtract(role.Settings.Guarantee, role.Allocated);

    private void Move(Framework fw, Node node, Resources amount, int sign)
    {
        if (sign > 0)
        {
            node.Allocated += amount;
            fw.Allocated += amount;
            fw.Role.Allocated += amount;
            fw.Holdings[node.Spec.Id] = fw.Holdings.GetValueOrDefault(node.Spec.Id) + amount;
        }
        else
        {
            fw.Holdings[node.Spec.Id] = fw.Holdings.GetValueOrDefault(node.Spec.Id) - amount;
            node.Allocated -= amount;
            fw.Allocated -= amount;
            fw.Role.Allocated -= amount;
        }
    }

    private double Share(Resources allocation) => allocation.DominantShare(_total, _options.FairnessExcludedResources);

    private sealed class Node(NodeSpec spec)
    {
        public NodeSpec Spec { get; } = spec;

        public Resources Allocated { get; set; }
    }

    private sealed class Role(RoleSettings settings, long tie)
    {
        public RoleSettings Settings { get; set; } = settings;

        public long Tie { get; } = tie;

        public Resources Allocated { get; set; }
    }

    private sealed class Framework(FrameworkSpec spec, Role role, long tie)
    {
        public FrameworkSpec Spec { get; } = spec;

        public Role Role { get; } = role;

        public long Tie { get; } = tie;

        public Resources Allocated { get; set; }

        public Dictionary<NodeId, Resources> Holdings { get; } = [];

        public Dictionary<NodeId, long> Filters { get; } = [];

        public DemandGroup[] Demand { get; set; } = [];

        public int[] Remaining { get; set; } = [];

        public int Version { get; set; }

        public bool Suppressed { get; set; }
    }
}
