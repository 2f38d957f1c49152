namespace OrleansMesos.Allocation.Tests;

public sealed class PlacementTests
{
    // First fit packs the lowest nodes first, which keeps whole nodes free for large tasks: after 4 small
    // tasks on 4-cpu nodes, a 4-cpu task still finds an empty node.
    [Fact]
    public void FirstFit_PacksNodesInOrder_LeavingWholeNodesForLargeTasks()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=4,mem=4GiB").WithFramework("small", "r", "cpus=1", 4);
        Assert.All(engine.Allocate(), g => Assert.Equal("n0", g.Node.Value));

        engine.WithFramework("large", "r", "cpus=4", 1);

        Assert.Equal("n1", engine.Allocate().Single().Node.Value);
    }

    [Fact]
    public void GpuGuard_KeepsGpuNodesFromFrameworksThatCannotUseThem()
    {
        var engine = Build.Engine();
        engine.AddNode(new NodeSpec(new NodeId("gpu"), Build.R("cpus=8,mem=8GiB,gpus=2")));
        engine.WithFramework("cpu-only", "r", "cpus=1", 10);

        Assert.Empty(engine.Allocate());
        Assert.Equal(UnmetReason.NoNodeCanFit, engine.Explain(new FrameworkId("cpu-only")).Reason);
    }

    [Fact]
    public void WithoutTheGuard_CpuWorkMayUseGpuNodes()
    {
        var engine = Build.Engine(new AllocationOptions { GpuGuard = false });
        engine.AddNode(new NodeSpec(new NodeId("gpu"), Build.R("cpus=8,mem=8GiB,gpus=2")));
        engine.WithFramework("cpu-only", "r", "cpus=1", 3);

        Assert.Equal(3, engine.Allocate().Count);
    }

    // A GPU-capable framework's cpu-only tasks go to nodes without GPUs first.
    [Fact]
    public void CpuTasksOfGpuFrameworks_PreferNodesWithoutGpus()
    {
        var engine = Build.Engine();
        engine.AddNode(new NodeSpec(new NodeId("gpu"), Build.R("cpus=8,mem=8GiB,gpus=1")));
        engine.AddNode(new NodeSpec(new NodeId("cpu"), Build.R("cpus=2,mem=8GiB")));
        engine.WithFramework("ml", "r", "cpus=1", 3, gpu: true);

        Assert.Equal(["cpu", "cpu", "gpu"], engine.Allocate().Select(g => g.Node.Value));
    }

    [Fact]
    public void GpuTasks_GoOnlyToGpuNodes_AndOnlyToCapableFrameworks()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=8,mem=8GiB");
        engine.AddNode(new NodeSpec(new NodeId("gpu"), Build.R("cpus=8,mem=8GiB,gpus=2")));
        engine.WithFramework("ml", "r", "cpus=1,gpus=1", 5, gpu: true);
        engine.WithFramework("sneaky", "r", "cpus=1,gpus=1", 5, gpu: false);

        var grants = engine.Allocate();

        Assert.Equal(2, grants.Tasks("ml"));
        Assert.All(grants, g => Assert.Equal("gpu", g.Node.Value));
        Assert.Equal(0, grants.Tasks("sneaky"));
    }

    [Fact]
    public void Constraints_PlaceTasksOnlyOnMatchingNodes()
    {
        var engine = Build.Engine()
            .WithNodes(2, "cpus=4,mem=4GiB", "a", new() { ["zone"] = "a" })
            .WithNodes(2, "cpus=4,mem=4GiB", "b", new() { ["zone"] = "b" })
            .WithFramework("f", "r", "cpus=1", 6, constraints: new() { ["zone"] = "b" });

        var grants = engine.Allocate();

        Assert.Equal(6, grants.Count);
        Assert.All(grants, g => Assert.StartsWith("b", g.Node.Value));
    }

    [Fact]
    public void UnschedulableNodes_TakeNoGrants_ButKeepWhatTheyHold()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=1,mem=1GiB").WithFramework("f", "r", "cpus=1", 3);
        var first = engine.Allocate();
        Assert.Equal(2, first.Count);
        engine.SetNodeSchedulable(new NodeId("n0"), false);
        engine.Release(new FrameworkId("f"), new NodeId("n0"), Build.R("cpus=1"));
        engine.Release(new FrameworkId("f"), new NodeId("n1"), Build.R("cpus=1"));

        Assert.Equal("n1", engine.Allocate().Single().Node.Value);

        engine.SetNodeSchedulable(new NodeId("n0"), true);
        engine.SetDemand(new FrameworkId("f"), [new DemandGroup(Build.R("cpus=1"), 1)]);
        Assert.Equal("n0", engine.Allocate().Single().Node.Value);
    }

    [Fact]
    public void RemovingANode_DropsItsAllocations_AndReportsWhatWasLost()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=2,mem=2GiB").WithFramework("f", "r", "cpus=1", 4);
        engine.Allocate();

        var lost = engine.RemoveNode(new NodeId("n0"));

        Assert.Equal([(new FrameworkId("f"), Build.R("cpus=2"))], lost);
        Assert.Equal(Build.R("cpus=2,mem=2GiB"), engine.Total);
        Assert.Equal(Build.R("cpus=2"), engine.Allocated);
        Assert.Equal(Build.R("cpus=2"), engine.Fw("f").Allocated);

        engine.AddNode(new NodeSpec(new NodeId("n2"), Build.R("cpus=2,mem=2GiB")));
        engine.SetDemand(new FrameworkId("f"), [new DemandGroup(Build.R("cpus=1"), 2)]);
        Assert.All(engine.Allocate(), g => Assert.Equal("n2", g.Node.Value));
    }

    // The fit index grows past its first size and still finds the right node.
    [Fact]
    public void ManyNodes_FirstFitFindsTheOnlyNodeWithRoom()
    {
        var engine = Build.Engine().WithNodes(1000, "cpus=1,mem=1GiB");
        engine.AddNode(new NodeSpec(new NodeId("big"), Build.R("cpus=16,mem=16GiB")));
        engine.WithNodes(500, "cpus=1,mem=1GiB", "m");
        engine.WithFramework("f", "r", "cpus=8", 2);

        Assert.Equal(["big", "big"], engine.Allocate().Select(g => g.Node.Value));
    }
}
