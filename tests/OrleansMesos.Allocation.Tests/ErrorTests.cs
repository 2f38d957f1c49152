using OrleansMesos.Errors;

namespace OrleansMesos.Allocation.Tests;

/// <summary>Every refusal is typed, names what was wrong, and leaves the books as they were.</summary>
public sealed class ErrorTests
{
    private static AllocationEngine Busy()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB").WithFramework("f", "r", "cpus=1", 2);
        engine.Allocate();
        return engine;
    }

    private static void AssertUnchanged(AllocationEngine engine)
    {
        Assert.Equal(Build.R("cpus=2"), engine.Allocated);
        Assert.Equal(Build.R("cpus=2"), engine.GetNodeView(new NodeId("n0")).Allocated);
        Assert.Equal(Build.R("cpus=2"), engine.Fw("f").Allocated);
    }

    [Fact]
    public void DuplicateNode()
    {
        var engine = Busy();
        var e = Assert.Throws<DuplicateEntityException>(() => engine.AddNode(new NodeSpec(new NodeId("n0"), Build.R("cpus=1"))));
        Assert.Equal("node 'n0' already exists", e.Message);
        Assert.Equal(Build.R("cpus=4,mem=4GiB"), engine.Total);
    }

    [Fact]
    public void DuplicateFramework()
    {
        var engine = Busy();
        Assert.Equal("duplicate-framework", Assert.Throws<DuplicateEntityException>(() => engine.AddFramework(new FrameworkSpec(new FrameworkId("f"), new RoleName("r")))).Code);
        AssertUnchanged(engine);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("framework")]
    [InlineData("role")]
    public void UnknownIds(string kind)
    {
        var engine = Busy();
        Action act = kind switch
        {
            "node" => () => engine.RemoveNode(new NodeId("ghost")),
            "framework" => () => engine.SetDemand(new FrameworkId("ghost"), []),
            _ => () => engine.RemoveRole(new RoleName("ghost")),
        };

        var e = Assert.Throws<UnknownEntityException>(act);

        Assert.Equal(kind, e.Kind);
        Assert.Equal($"unknown {kind} 'ghost'", e.Message);
        AssertUnchanged(engine);
    }

    [Fact]
    public void ReleasingMoreThanHeld_IsRefused()
    {
        var engine = Busy();
        var e = Assert.Throws<InvalidFieldException>(() => engine.Release(new FrameworkId("f"), new NodeId("n0"), Build.R("cpus=3")));
        Assert.Equal("resources", e.Field);
        Assert.Equal("must not exceed what the framework holds on the node", e.Rule);
        AssertUnchanged(engine);
    }

    [Fact]
    public void DecliningAGrantTwice_IsRefusedTheSecondTime()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB").WithFramework("f", "r", "cpus=1", 1);
        var grant = engine.Allocate().Single();
        engine.Decline(grant);

        Assert.Throws<InvalidFieldException>(() => engine.Decline(grant));
        Assert.Equal(1, engine.Fw("f").RemainingTasks);
        Assert.Equal(Resources.Zero, engine.Allocated);
    }

    [Fact]
    public void ANegativeFilter_IsRefused_AndNothingIsReleased()
    {
        var engine = Busy();
        var grant = new Grant(new FrameworkId("f"), new NodeId("n0"), Build.R("cpus=1"), 0, 1);
        var e = Assert.Throws<InvalidFieldException>(() => engine.Decline(grant, TimeSpan.FromSeconds(-1)));
        Assert.Equal("filter", e.Field);
        AssertUnchanged(engine);
    }

    [Fact]
    public void RestoringMoreThanIsFree_IsAnOverCommit()
    {
        var engine = Busy();
        var e = Assert.Throws<OverCommitException>(() => engine.RestoreAllocation(new FrameworkId("f"), new NodeId("n0"), Build.R("cpus=3")));
        Assert.Equal("node 'n0' cannot commit cpus=3: only cpus=2,mem=4GiB is free", e.Message);
        AssertUnchanged(engine);
    }

    [Fact]
    public void RemovingARoleWithFrameworks_IsRefused()
    {
        var engine = Busy();
        var e = Assert.Throws<InvalidFieldException>(() => engine.RemoveRole(new RoleName("r")));
        Assert.Equal("role", e.Field);
        Assert.Equal("must have no frameworks to be removed", e.Rule);
    }

    [Fact]
    public void BadModelValues_NameTheirField()
    {
        Assert.Equal("task", Assert.Throws<InvalidFieldException>(() => new DemandGroup(Resources.Zero, 1)).Field);
        Assert.Equal("count", Assert.Throws<InvalidFieldException>(() => new DemandGroup(Build.R("cpus=1"), -1)).Field);
        Assert.Equal("capacity", Assert.Throws<InvalidFieldException>(() => new NodeSpec(new NodeId("n"), Resources.Zero)).Field);
        Assert.Equal("attributes", Assert.Throws<InvalidFieldException>(() => new NodeSpec(new NodeId("n"), Build.R("cpus=1"), new Dictionary<string, string> { [" "] = "x" })).Field);
        Assert.Equal("id", Assert.Throws<InvalidFieldException>(() => new NodeSpec(default, Build.R("cpus=1"))).Field);
    }

    [Fact]
    public void Options_ThatExcludeEveryResource_AreRefused()
    {
        var e = Assert.Throws<InvalidFieldException>(() => new AllocationEngine(new AllocationOptions { FairnessExcludedResources = ResourceKind.All }));
        Assert.Equal("fairnessExcludedResources", e.Field);
        Assert.Throws<InvalidFieldException>(() => new AllocationEngine(new AllocationOptions { FairnessExcludedResources = (ResourceKind)64 }));
    }

    [Fact]
    public void AllocateWithANegativeCap_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Busy().Allocate(-1));
}
