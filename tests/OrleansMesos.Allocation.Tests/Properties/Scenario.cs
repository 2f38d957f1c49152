using System.Text.Json;
using OrleansMesos.Allocation.Reference;

namespace OrleansMesos.Allocation.Tests.Properties;

public sealed record NodeDef(int Cpus, int MemGiB, int Gpus, string Zone);

public sealed record RoleDef(double Weight, int GuaranteeCpus, int? LimitCpus);

public sealed record GroupDef(int MilliCpus, int MemMiB, int Gpus, int Count, string? Zone);

public sealed record FrameworkDef(int Role, bool GpuCapable, GroupDef[] Groups);

/// <summary>A random cluster and its demand, small enough to shrink into a readable counter-example.</summary>
public sealed record Scenario(NodeDef[] Nodes, RoleDef[] Roles, FrameworkDef[] Frameworks, int Seed, bool ExcludeGpus)
{
    public AllocationOptions Options => new()
    {
        Seed = Seed,
        FairnessExcludedResources = ExcludeGpus ? ResourceKind.Gpus : ResourceKind.None,
    };

    public static NodeId Node(int i) => new($"n{i}");

    public static RoleName Role(int i) => new($"r{i}");

    public static FrameworkId Framework(int i) => new($"f{i}");

    public static Resources Task(GroupDef g) => new(g.MilliCpus, g.MemMiB * Resources.MiB, 0, g.Gpus);

    public RoleSettings RoleSettings(int i)
    {
        var r = Roles[i];
        var guarantee = Resources.FromUnits(cpus: r.GuaranteeCpus);
        var limit = r.LimitCpus is { } l ? ResourceLimit.Parse($"cpus={Math.Max(l, r.GuaranteeCpus)}") : ResourceLimit.Unlimited;
        return new RoleSettings(Role(i), r.Weight, guarantee, limit);
    }

    /// <summary>Applies the scenario through the calls both the engine and the reference offer.</summary>
    public AllocationEngine BuildEngine(TimeProvider? time = null)
    {
        var engine = new AllocationEngine(Options, time);
        Apply(engine.AddNode, engine.SetRole, engine.AddFramework, engine.SetDemand);
        return engine;
    }

    public ReferenceAllocator BuildReference(TimeProvider? time = null)
    {
        var reference = new ReferenceAllocator(Options, time);
        Apply(reference.AddNode, reference.SetRole, reference.AddFramework, reference.SetDemand);
        return reference;
    }

    public override string ToString() => JsonSerializer.Serialize(this);

    private void Apply(
        Action<NodeSpec> addNode,
        Action<RoleSettings> setRole,
        Action<FrameworkSpec> addFramework,
        Action<FrameworkId, IReadOnlyList<DemandGroup>> setDemand)
    {
        for (var i = 0; i < Nodes.Length; i++)
        {
            var n = Nodes[i];
            addNode(new NodeSpec(Node(i), new Resources(n.Cpus * 1000L, n.MemGiB * Resources.GiB, 0, n.Gpus), new Dictionary<string, string> { ["zone"] = n.Zone }));
        }

        for (var i = 0; i < Roles.Length; i++)
        {
            setRole(RoleSettings(i));
        }

        for (var i = 0; i < Frameworks.Length; i++)
        {
            var f = Frameworks[i];
            addFramework(new FrameworkSpec(Framework(i), Role(f.Role), f.GpuCapable));
            setDemand(Framework(i), [.. f.Groups.Select(g => new DemandGroup(Task(g), g.Count, g.Zone is null ? null : new Dictionary<string, string> { ["zone"] = g.Zone }))]);
        }
    }
}
