using OrleansMesos.Allocation;

namespace OrleansMesos.Grains.Allocation;

/// <summary>Translations between the partition's wire types and the engine's.</summary>
internal static class PartitionEngine
{
    /// <summary>A framework's grant in a declined or expired lease: no demand version, so no task is returned to demand (the framework grain owns demand).</summary>
    public static Grant Returned(Lease lease) => new(lease.Framework, lease.Node, lease.Resources, lease.DemandGroup, DemandVersion: -1);

    public static NodeSpec ToSpec(PartitionNode node) => new(node.Node, node.Capacity, node.Attributes);

    /// <summary>The demand less <paramref name="inFlight"/> tasks already granted but not yet seen by the framework grain, taken from the first groups.</summary>
    public static IReadOnlyList<DemandGroup> ToDemand(TaskDemand[] demand, long inFlight)
    {
        var groups = new List<DemandGroup>(demand.Length);
        foreach (var d in demand)
        {
            var taken = (int)Math.Min(d.Count, inFlight);
            inFlight -= taken;
            groups.Add(new DemandGroup(d.Task, d.Count - taken, d.Constraints));
        }

        return groups;
    }

    /// <summary>A role as one of <paramref name="partitions"/> partitions enforces it: the guarantee is split evenly, the limit is global.</summary>
    public static RoleSettings ForPartition(RoleSettings role, int partitions)
    {
        if (role.Guarantee.IsZero || partitions == 1)
        {
            return role;
        }

        var g = role.Guarantee;
        var share = new Resources(g.MilliCpus / partitions, g.MemoryBytes / partitions, g.DiskBytes / partitions, g.Gpus / partitions);
        return new RoleSettings(role.Name, role.Weight, share, role.Limit);
    }
}
