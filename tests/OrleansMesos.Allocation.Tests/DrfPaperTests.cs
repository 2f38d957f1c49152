using OrleansMesos.Allocation;

namespace OrleansMesos.Allocation.Tests;

public sealed class DrfPaperTests
{
    // Ghodsi et al., NSDI 2011, section 4: one node <9 CPUs, 18 GB>; A runs tasks of <1 CPU, 4 GB>,
    // B tasks of <3 CPUs, 1 GB>. DRF gives A three tasks (dominant share: memory 12/18 = 2/3) and
    // B two tasks (dominant share: cpus 6/9 = 2/3).
    [Fact]
    public void PaperExample_GivesThreeTasksToA_AndTwoToB_BothAtTwoThirds()
    {
        var engine = new AllocationEngine();
        engine.AddNode(new NodeSpec(new NodeId("n"), Resources.FromUnits(cpus: 9, memMiB: 18 * 1024)));
        engine.AddFramework(new FrameworkSpec(new FrameworkId("A"), new RoleName("default")));
        engine.AddFramework(new FrameworkSpec(new FrameworkId("B"), new RoleName("default")));
        engine.SetDemand(new FrameworkId("A"), [new DemandGroup(Resources.FromUnits(cpus: 1, memMiB: 4 * 1024), 100)]);
        engine.SetDemand(new FrameworkId("B"), [new DemandGroup(Resources.FromUnits(cpus: 3, memMiB: 1024), 100)]);

        var grants = engine.Allocate();

        Assert.Equal(3, grants.Count(g => g.Framework.Value == "A"));
        Assert.Equal(2, grants.Count(g => g.Framework.Value == "B"));
        Assert.Equal(2.0 / 3, engine.GetFrameworkView(new FrameworkId("A")).DominantShare, 9);
        Assert.Equal(2.0 / 3, engine.GetFrameworkView(new FrameworkId("B")).DominantShare, 9);
    }
}
