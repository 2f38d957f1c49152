using FsCheck;
using FsCheck.Fluent;

namespace OrleansMesos.Allocation.Tests.Properties;

/// <summary>Properties of the engine over random clusters and demand (FsCheck).</summary>
public sealed class AllocationProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static void Check(bool quota, Action<Scenario> property) =>
        FsCheck.Check.One(Runs, Prop.ForAll(ScenarioGen.Arbitrary(quota), property));

    [Fact]
    public void EngineGrantsExactlyWhatTheReferenceGrants()
    {
        Check(quota: true, s =>
        {
            var engine = s.BuildEngine().Allocate();
            var reference = s.BuildReference().Allocate();
            Assert.Equal(reference, engine);
        });
    }

    [Fact]
    public void NoNodeIsEverOverCommitted_AndTheBooksAddUp()
    {
        Check(quota: true, s =>
        {
            var engine = s.BuildEngine();
            engine.Allocate();
            foreach (var node in engine.Nodes)
            {
                Assert.True(node.Allocated.FitsIn(node.Capacity), $"{node.Id} holds {node.Allocated} of {node.Capacity}");
                var held = engine.Frameworks.Aggregate(Resources.Zero, (sum, f) => sum + engine.GetHoldings(f.Id).GetValueOrDefault(node.Id));
                Assert.Equal(node.Allocated, held);
            }

            Assert.Equal(engine.Allocated, engine.Frameworks.Aggregate(Resources.Zero, (sum, f) => sum + f.Allocated));
            Assert.Equal(engine.Allocated, engine.Nodes.Aggregate(Resources.Zero, (sum, n) => sum + n.Allocated));
        });
    }

    [Fact]
    public void RoleLimitsAreNeverExceeded()
    {
        Check(quota: true, s =>
        {
            var engine = s.BuildEngine();
            engine.Allocate();
            foreach (var role in engine.Roles)
            {
                Assert.True(role.Settings.WithinLimit(role.Allocated), $"{role.Settings.Name} holds {role.Allocated} over {role.Settings.Limit}");
            }
        });
    }

    // Without guarantees there is one stage: every grant must go to the role with the lowest weighted
    // share among the roles that have a task that can be placed, and within it to the framework with the
    // lowest share among those that can be placed. "Can be placed" is computed here from the views alone.
    [Fact]
    public void EachGrantGoesToTheLowestShareThatHasAFittingTask_TwoLevel()
    {
        Check(quota: false, s =>
        {
            var engine = s.BuildEngine();
            while (true)
            {
                var placeable = s.Frameworks.Select((_, i) => Placeable(s, engine, i)).ToArray();
                var grants = engine.Allocate(maxGrants: 1);
                if (grants.Count == 0)
                {
                    Assert.DoesNotContain(true, placeable);
                    return;
                }

                var winner = int.Parse(grants[0].Framework.Value[1..]);
                Assert.True(placeable[winner]);
                var winnerRole = s.Frameworks[winner].Role;
                var sharesBefore = SharesBefore(s, engine, grants[0]);
                for (var i = 0; i < s.Frameworks.Length; i++)
                {
                    if (!placeable[i])
                    {
                        continue;
                    }

                    var role = s.Frameworks[i].Role;
                    Assert.True(
                        sharesBefore.Roles[winnerRole] <= sharesBefore.Roles[role],
                        $"role r{winnerRole} at {sharesBefore.Roles[winnerRole]} was served before r{role} at {sharesBefore.Roles[role]}");
                    if (role == winnerRole)
                    {
                        Assert.True(sharesBefore.Frameworks[winner] <= sharesBefore.Frameworks[i]);
                    }
                }
            }
        });
    }

    [Fact]
    public void TheSameSeedGivesTheSameGrants()
    {
        Check(quota: true, s =>
        {
            Assert.Equal(s.BuildEngine().Allocate(), s.BuildEngine().Allocate());
        });
    }

    [Fact]
    public void RemovingAFrameworkReturnsAllItsResources()
    {
        Check(quota: true, s =>
        {
            var engine = s.BuildEngine();
            engine.Allocate();
            var victim = Scenario.Framework(s.Seed % s.Frameworks.Length);
            var held = engine.GetFrameworkView(victim).Allocated;
            var before = engine.Allocated;
            var nodesBefore = engine.Nodes.ToDictionary(n => n.Id, n => n.Allocated);
            var holdings = engine.GetHoldings(victim);

            engine.RemoveFramework(victim);

            Assert.Equal(before - held, engine.Allocated);
            foreach (var node in engine.Nodes)
            {
                Assert.Equal(nodesBefore[node.Id] - holdings.GetValueOrDefault(node.Id), node.Allocated);
            }
        });
    }

    [Fact]
    public void DecliningEveryGrantRestoresTheBooks_AndTheSameGrantsFollow()
    {
        Check(quota: true, s =>
        {
            var engine = s.BuildEngine();
            var first = engine.Allocate();
            foreach (var grant in first)
            {
                engine.Decline(grant);
            }

            Assert.Equal(Resources.Zero, engine.Allocated);
            Assert.Equal(s.Frameworks.Sum(f => f.Groups.Sum(g => g.Count)), engine.Frameworks.Sum(f => f.RemainingTasks));
            Assert.Equal(first, engine.Allocate());
        });
    }

    /// <summary>Whether some task of the framework fits a free node it may use, within its role's limit: from the views alone.</summary>
    private static bool Placeable(Scenario s, AllocationEngine engine, int framework)
    {
        var f = s.Frameworks[framework];
        var view = engine.GetFrameworkView(Scenario.Framework(framework));
        var role = engine.GetRoleView(Scenario.Role(f.Role));
        return f.Groups.Where((g, i) => view.RemainingPerGroup[i] > 0).Any(g =>
            role.Settings.WithinLimit(role.Allocated + Scenario.Task(g))
            && s.Nodes.Select((n, i) => (n, i)).Any(x =>
                (g.Gpus == 0 || x.n.Gpus > 0)
                && (x.n.Gpus == 0 || f.GpuCapable)
                && (g.Zone is null || g.Zone == x.n.Zone)
                && Scenario.Task(g).FitsIn(engine.GetNodeView(Scenario.Node(x.i)).Free)));
    }

    private static (double[] Roles, double[] Frameworks) SharesBefore(Scenario s, AllocationEngine engine, Grant grant)
    {
        var winner = int.Parse(grant.Framework.Value[1..]);
        var total = engine.Total;
        var excluded = s.Options.FairnessExcludedResources;
        var roles = new double[s.Roles.Length];
        for (var r = 0; r < s.Roles.Length; r++)
        {
            var allocated = engine.GetRoleView(Scenario.Role(r)).Allocated;
            if (r == s.Frameworks[winner].Role)
            {
                allocated -= grant.Resources;
            }

            roles[r] = allocated.DominantShare(total, excluded) / s.Roles[r].Weight;
        }

        var frameworks = new double[s.Frameworks.Length];
        for (var i = 0; i < s.Frameworks.Length; i++)
        {
            var allocated = engine.GetFrameworkView(Scenario.Framework(i)).Allocated;
            if (i == winner)
            {
                allocated -= grant.Resources;
            }

            frameworks[i] = allocated.DominantShare(total, excluded);
        }

        return (roles, frameworks);
    }
}
