namespace OrleansMesos.Allocation.Tests;

public sealed class QuotaTests
{
    // 8 cpus. "prod" (weight 1) is guaranteed 6; "batch" has weight 10 and unbounded demand.
    // Stage 1 gives prod its 6 before fair sharing; batch gets the remaining 2.
    [Fact]
    public void Guarantees_AreMetBeforeFairSharing()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=4,mem=8GiB")
            .WithRole("prod", guarantee: "cpus=6").WithRole("batch", weight: 10)
            .WithFramework("p", "prod", "cpus=1,mem=1GiB", 100)
            .WithFramework("b", "batch", "cpus=1,mem=1GiB", 100);

        var grants = engine.Allocate();

        Assert.Equal(6, grants.Tasks("p"));
        Assert.Equal(2, grants.Tasks("b"));
        Assert.Equal(["p", "p", "p", "p", "p", "p", "b", "b"], grants.Select(g => g.Framework.Value));
    }

    // prod guarantees 6 cpus but asks for nothing yet: batch may not take the headroom held for it.
    [Fact]
    public void Headroom_IsHeldForGuaranteesNotYetMet_EvenWithoutDemand()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=4,mem=8GiB")
            .WithRole("prod", guarantee: "cpus=6").WithRole("batch")
            .WithFramework("b", "batch", "cpus=1,mem=1GiB", 100);

        Assert.Equal(2, engine.Allocate().Tasks("b"));
        var explanation = engine.Explain(new FrameworkId("b"));
        Assert.Equal(UnmetReason.HeldForGuarantees, explanation.Reason);

        engine.WithFramework("p", "prod", "cpus=1,mem=1GiB", 100);
        Assert.Equal(6, engine.Allocate().Tasks("p"));
    }

    [Fact]
    public void Limits_AreNeverExceeded_EvenWithFreeResources()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=4,mem=8GiB")
            .WithRole("capped", weight: 5, limit: "cpus=3")
            .WithFramework("c", "capped", "cpus=1,mem=1GiB", 100);

        var grants = engine.Allocate();

        Assert.Equal(3, grants.Count);
        Assert.Equal(UnmetReason.RoleLimitReached, engine.Explain(new FrameworkId("c")).Reason);
    }

    [Fact]
    public void ALimitLoweredBelowTheAllocation_RevokesNothing_AndGrantsNoMore()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=8GiB")
            .WithRole("r").WithFramework("f", "r", "cpus=1", 2);
        Assert.Equal(2, engine.Allocate().Count);

        engine.SetRole(new RoleSettings(new RoleName("r"), limit: ResourceLimit.Parse("cpus=1")));
        engine.SetDemand(new FrameworkId("f"), [new DemandGroup(Build.R("cpus=1"), 5)]);

        Assert.Empty(engine.Allocate());
        Assert.Equal(2000, engine.Role("r").Allocated.MilliCpus);
    }

    // Stage 1 grants only tasks that help the unmet guarantee: a guarantee of memory alone does not
    // let a cpu-only task jump the queue.
    [Fact]
    public void GuaranteeStage_GrantsOnlyTasksThatHelpTheGuarantee()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB")
            .WithRole("g", guarantee: "mem=2GiB").WithRole("o", weight: 100)
            .WithFramework("o1", "o", "cpus=1", 1);
        engine.AddFramework(new FrameworkSpec(new FrameworkId("g1"), new RoleName("g")));
        engine.SetDemand(new FrameworkId("g1"), [new DemandGroup(Build.R("cpus=1"), 1), new DemandGroup(Build.R("mem=1GiB"), 2)]);

        var grants = engine.Allocate();

        Assert.Equal(["g1", "g1", "o1", "g1"], grants.Select(g => g.Framework.Value));
        Assert.Equal([1, 1, 0, 0], grants.Select(g => g.Group));
    }
}
