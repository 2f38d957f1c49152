using FsCheck;
using FsCheck.Fluent;

namespace OrleansMesos.Allocation.Tests.Properties;

/// <summary>Generators of random clusters: a few node shapes, roles with weights, guarantees and limits, varied demand.</summary>
public static class ScenarioGen
{
    private static readonly Gen<string> Zones = Gen.Elements("a", "b");

    public static Gen<NodeDef> Node { get; } =
        from cpus in Gen.Elements(1, 2, 4, 8)
        from mem in Gen.Elements(1, 2, 4, 8)
        from gpus in Gen.Elements(0, 0, 0, 1, 2)
        from zone in Zones
        select new NodeDef(cpus, mem, gpus, zone);

    public static Gen<GroupDef> Group { get; } =
        from milli in Gen.Elements(250, 500, 1000, 2000, 3000)
        from mem in Gen.Elements(128, 256, 512, 1024, 3072)
        from gpus in Gen.Elements(0, 0, 0, 1)
        from count in Gen.Choose(0, 12)
        from zone in Gen.Elements<string?>(null, null, null, "a", "b")
        select new GroupDef(milli, mem, gpus, count, zone);

    /// <summary>Any scenario; <paramref name="quota"/> adds guarantees and limits.</summary>
    public static Gen<Scenario> Scenarios(bool quota) =>
        from nodes in Gen.Choose(1, 10).SelectMany(n => Node.ArrayOf(n))
        from roleCount in Gen.Choose(1, 4)
        from roles in RoleGen(quota).ArrayOf(roleCount)
        from frameworks in Gen.Choose(1, 7).SelectMany(n => FrameworkGen(roleCount).ArrayOf(n))
        from seed in Gen.Choose(0, 1000)
        from exclude in Gen.Elements(false, true)
        select new Scenario(nodes, roles, frameworks, seed, exclude);

    private static Gen<RoleDef> RoleGen(bool quota) =>
        from weight in Gen.Elements(0.5, 1.0, 1.0, 2.0, 3.0)
        from guarantee in quota ? Gen.Elements(0, 0, 1, 2, 4) : Gen.Constant(0)
        from limit in Gen.Elements<int?>(null, null, 2, 4, 8)
        select new RoleDef(weight, guarantee, limit);

    private static Gen<FrameworkDef> FrameworkGen(int roles) =>
        from role in Gen.Choose(0, roles - 1)
        from gpu in Gen.Elements(false, true)
        from groups in Gen.Choose(1, 2).SelectMany(n => Group.ArrayOf(n))
        select new FrameworkDef(role, gpu, groups);

    public static Arbitrary<Scenario> Arbitrary(bool quota) => Scenarios(quota).ToArbitrary();
}
