using FsCheck;
using FsCheck.Fluent;

namespace OrleansMesos.Allocation.Tests.Properties;

/// <summary>Feasible guarantees are met, however hungry and heavy the competition.</summary>
public sealed class GuaranteeProperties
{
    // Uniform nodes of 4 cpus / 8 GiB and tasks of 1 cpu / 1 GiB never fragment, so any set of cpu
    // guarantees that adds up to at most the cluster's cpus is feasible; every guaranteed role asks for
    // at least its guarantee, and a role of weight 100 with no guarantee wants the whole cluster.
    private static Gen<Scenario> Feasible { get; } =
        from nodes in Gen.Choose(1, 10)
        from roleCount in Gen.Choose(1, 4)
        from weights in Gen.Elements(0.5, 1.0, 3.0).ArrayOf(roleCount)
        from cuts in Gen.Choose(0, 4 * nodes).ArrayOf(roleCount)
        from extra in Gen.Choose(0, 5).ArrayOf(roleCount)
        from seed in Gen.Choose(0, 1000)
        let guarantees = Spread(cuts, 4 * nodes)
        select new Scenario(
            [.. Enumerable.Repeat(new NodeDef(4, 8, 0, "a"), nodes)],
            [.. guarantees.Select((g, i) => new RoleDef(weights[i], g, null)), new RoleDef(100, 0, null)],
            [
                .. guarantees.Select((g, i) => new FrameworkDef(i, false, [new GroupDef(1000, 1024, 0, g + extra[i], null)])),
                new FrameworkDef(roleCount, false, [new GroupDef(1000, 1024, 0, 1000, null)]),
            ],
            seed,
            false);

    [Fact]
    public void FeasibleGuaranteesAreMet()
    {
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Feasible.ToArbitrary(), s =>
        {
            var engine = s.BuildEngine();
            engine.Allocate();
            for (var r = 0; r < s.Roles.Length; r++)
            {
                var role = engine.GetRoleView(Scenario.Role(r));
                Assert.True(role.Settings.Guarantee.FitsIn(role.Allocated), $"r{r} holds {role.Allocated}, guaranteed {role.Settings.Guarantee}");
            }

            Assert.Equal(4 * s.Nodes.Length * 1000L, engine.Allocated.MilliCpus);
        }));
    }

    /// <summary>Scales arbitrary cuts so that they add up to at most <paramref name="total"/>.</summary>
    private static int[] Spread(int[] cuts, int total)
    {
        var sum = cuts.Sum();
        return sum <= total ? cuts : [.. cuts.Select(c => c * total / sum)];
    }
}
