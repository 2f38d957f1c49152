using System.Diagnostics;
using OrleansMesos.Allocation;
using OrleansMesos.Benchmarks.Harness;

namespace OrleansMesos.Benchmarks.Mesos;

/// <summary>
/// Builds the cluster of a Mesos allocator benchmark: F frameworks in one role, then A agents, each
/// with the used resources of framework <c>i % F</c>; then every framework's demand of offer-shaped
/// tasks. Ids are made before the clock starts.
/// </summary>
internal sealed class MesosCluster
{
    /// <summary>The role every framework shares (Mesos uses <c>*</c>, which is not a valid role name here).</summary>
    public static readonly RoleName Role = new("default");

    private MesosCluster(AgentShape shape, FrameworkId[] frameworks, NodeId[] nodes)
    {
        Shape = shape;
        Frameworks = frameworks;
        Nodes = nodes;
    }

    public AgentShape Shape { get; }

    public FrameworkId[] Frameworks { get; }

    public NodeId[] Nodes { get; }

    /// <summary>Time to add the frameworks (Mesos: "Added F frameworks in").</summary>
    public TimeSpan FrameworksAdded { get; private set; }

    /// <summary>Time to add the agents with their used resources (Mesos: "Added A agents in").</summary>
    public TimeSpan AgentsAdded { get; private set; }

    public static MesosCluster Build<T>(T allocator, AgentShape shape, int agents, int frameworks)
        where T : IAllocator
    {
        var cluster = new MesosCluster(
            shape,
            [.. Enumerable.Range(0, frameworks).Select(i => new FrameworkId($"framework{i}"))],
            [.. Enumerable.Range(0, agents).Select(i => new NodeId($"agent{i}"))]);
        var specs = cluster.Nodes.Select(id => new NodeSpec(id, shape.Total)).ToArray();

        allocator.SetRole(new RoleSettings(Role));
        var watch = Stopwatch.StartNew();
        foreach (var id in cluster.Frameworks)
        {
            allocator.AddFramework(new FrameworkSpec(id, Role));
        }

        cluster.FrameworksAdded = watch.Elapsed;
        watch.Restart();
        for (var i = 0; i < specs.Length; i++)
        {
            allocator.AddNode(specs[i]);
            allocator.RestoreAllocation(cluster.Frameworks[i % frameworks], specs[i].Id, shape.Used);
        }

        cluster.AgentsAdded = watch.Elapsed;

        // Mesos offers whole agents; here a task shaped like an agent's free remainder stands for an
        // offer. One such task fits an agent, so A tasks per framework never run out.
        IReadOnlyList<DemandGroup> demand = [new DemandGroup(shape.Offer, agents)];
        foreach (var id in cluster.Frameworks)
        {
            allocator.SetDemand(id, demand);
        }

        return cluster;
    }
}
