namespace OrleansMesos.Allocation.Tests;

/// <summary>Short hands for building engines in tests.</summary>
internal static class Build
{
    public static Resources R(string text) => Resources.Parse(text);

    public static AllocationEngine Engine(AllocationOptions? options = null, TimeProvider? time = null) => new(options, time);

    public static AllocationEngine WithNodes(this AllocationEngine engine, int count, string capacity, string prefix = "n", Dictionary<string, string>? attributes = null)
    {
        for (var i = 0; i < count; i++)
        {
            engine.AddNode(new NodeSpec(new NodeId($"{prefix}{i}"), R(capacity), attributes));
        }

        return engine;
    }

    public static AllocationEngine WithRole(this AllocationEngine engine, string name, double weight = 1, string guarantee = "none", string? limit = null)
    {
        engine.SetRole(new RoleSettings(new RoleName(name), weight, R(guarantee), limit is null ? ResourceLimit.Unlimited : ResourceLimit.Parse(limit)));
        return engine;
    }

    public static AllocationEngine WithFramework(this AllocationEngine engine, string id, string role, string task, int count, bool gpu = false, Dictionary<string, string>? constraints = null)
    {
        engine.AddFramework(new FrameworkSpec(new FrameworkId(id), new RoleName(role), gpu));
        engine.SetDemand(new FrameworkId(id), [new DemandGroup(R(task), count, constraints)]);
        return engine;
    }

    public static int Tasks(this IReadOnlyList<Grant> grants, string framework) => grants.Count(g => g.Framework.Value == framework);

    public static FrameworkView Fw(this AllocationEngine engine, string id) => engine.GetFrameworkView(new FrameworkId(id));

    public static RoleView Role(this AllocationEngine engine, string name) => engine.GetRoleView(new RoleName(name));
}
