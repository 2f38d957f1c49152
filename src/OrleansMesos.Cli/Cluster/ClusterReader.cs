namespace OrleansMesos.Cli.Cluster;

/// <summary>
/// Reads the cluster for operators: the directory from the cluster grain, then the node, framework and
/// partition grains themselves, each asked in parallel. Reads are not one snapshot: each grain answers as of its own moment.
/// </summary>
internal sealed class ClusterReader(IGrainFactory grains)
{
    /// <summary>The cluster grain: roles and the directory.</summary>
    public IClusterGrain Configuration => grains.GetGrain<IClusterGrain>(0);

    /// <summary>A node's grain.</summary>
    public INodeGrain Node(NodeId node) => grains.GetGrain<INodeGrain>(node.Value);

    /// <summary>A framework's grain.</summary>
    public IFrameworkGrain Framework(FrameworkId framework) => grains.GetGrain<IFrameworkGrain>(framework.Value);

    /// <summary>An allocator partition.</summary>
    public IAllocatorPartitionGrain Partition(int partition) => grains.GetGrain<IAllocatorPartitionGrain>(partition);

    /// <summary>The number of partitions and the ids of nodes and frameworks.</summary>
    public Task<ClusterDirectory> Directory() => Configuration.GetDirectory();

    /// <summary>Every partition's view, in partition order.</summary>
    public async Task<PartitionView[]> Views(ClusterDirectory directory) =>
        await Task.WhenAll(Enumerable.Range(0, directory.Partitions).Select(p => Partition(p).GetView()));

    /// <summary>Every node's books, in id order.</summary>
    public async Task<NodeSnapshot[]> Nodes(ClusterDirectory directory) =>
        await Task.WhenAll(directory.Nodes.Select(n => Node(n).GetSnapshot()));

    /// <summary>Every registered framework's standing, in id order.</summary>
    public async Task<FrameworkSnapshot[]> Frameworks(ClusterDirectory directory)
    {
        var snapshots = await Task.WhenAll(directory.Frameworks.Select(f => Framework(f).GetSnapshot()));
        return [.. snapshots.Where(s => s.Registration is not null)];
    }

    /// <summary>Every role set, by name.</summary>
    public async Task<Dictionary<RoleName, RoleSettings>> Roles() =>
        (await Configuration.GetRoles()).ToDictionary(r => r.Name);
}

/// <summary>Sums over partition views.</summary>
internal static class PartitionSums
{
    /// <summary>The capacity of every registered node: what shares are fractions of.</summary>
    public static Resources Capacity(IEnumerable<PartitionView> views) =>
        views.Aggregate(Resources.Zero, (sum, v) => sum + v.Capacity);

    /// <summary>What each framework holds, leased or committed, over all partitions.</summary>
    public static Dictionary<FrameworkId, Resources> ByFramework(IEnumerable<PartitionView> views) =>
        Sum(views.SelectMany(v => v.Holdings));

    /// <summary>What each role's frameworks hold, leased or committed, over all partitions.</summary>
    public static Dictionary<RoleName, Resources> ByRole(IEnumerable<PartitionView> views) =>
        Sum(views.SelectMany(v => v.RoleHoldings ?? []));

    private static Dictionary<TKey, Resources> Sum<TKey>(IEnumerable<KeyValuePair<TKey, Resources>> parts)
        where TKey : notnull
    {
        var sums = new Dictionary<TKey, Resources>();
        foreach (var (key, held) in parts)
        {
            sums[key] = sums.GetValueOrDefault(key) + held;
        }

        return sums;
    }
}
