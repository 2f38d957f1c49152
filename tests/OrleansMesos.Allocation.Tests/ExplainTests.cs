namespace OrleansMesos.Allocation.Tests;

public sealed class ExplainTests
{
    private static readonly FrameworkId F = new("f");

    [Fact]
    public void NoDemand_IsNothingUnmet()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=1,mem=1GiB").WithFramework("f", "r", "cpus=1", 1);
        engine.Allocate();

        var e = engine.Explain(F);

        Assert.Equal(UnmetReason.None, e.Reason);
        Assert.Equal(0, e.RemainingTasks);
    }

    [Fact]
    public void ATaskLargerThanAnyNode_NeverFits()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=4,mem=4GiB").WithFramework("f", "r", "cpus=5", 3);

        var e = engine.Explain(F);

        Assert.Equal(UnmetReason.NoNodeCanFit, e.Reason);
        Assert.Equal("3 task(s) of cpus=5: never fit: no node is large enough", e.Message);
    }

    [Fact]
    public void AConstraintNoNodeMatches_NeverFits()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=4,mem=4GiB").WithFramework("f", "r", "cpus=1", 1, constraints: new() { ["zone"] = "mars" });

        Assert.Equal("1 task(s) of cpus=1: never fit: no node both matches the constraints and is large enough", engine.Explain(F).Message);
    }

    [Fact]
    public void AGpuTaskOfAFrameworkWithoutGpuCapability_NeverFits()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB,gpus=1").WithFramework("f", "r", "gpus=1", 1);

        Assert.Equal("1 task(s) of gpus=1: never fit: the framework is not GPU-capable", engine.Explain(F).Message);
    }

    [Fact]
    public void ARoleAtItsLimit_SaysSoWithFigures()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB").WithRole("r", limit: "cpus=2").WithFramework("f", "r", "cpus=1", 5);
        engine.Allocate();

        var e = engine.Explain(F);

        Assert.Equal(UnmetReason.RoleLimitReached, e.Reason);
        Assert.Equal("3 task(s) of cpus=1: role 'r' holds cpus=2 of its limit cpus=2", e.Message);
    }

    // "hog" (weight 1) holds 3 of 4 cpus; "late" arrives with nothing: it waits, and explain names the
    // role that is ahead with its share.
    [Fact]
    public void AFullCluster_NamesTheRolesAheadWithTheirShares()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB")
            .WithRole("hog").WithFramework("h", "hog", "cpus=3", 1);
        engine.Allocate();
        engine.WithRole("late").WithFramework("f", "late", "cpus=2", 1);
        engine.Allocate();

        var e = engine.Explain(F);

        Assert.Equal(UnmetReason.WaitingForResources, e.Reason);
        Assert.Equal(0, e.OwnWeightedShare);
        Assert.Empty(e.RolesAhead);
        Assert.Equal("1 task(s) of cpus=2: no node has room; role 'late' is at weighted share 0.0%; no role with a lower weighted share holds resources", e.Message);
    }

    [Fact]
    public void RolesAhead_AreThoseWithALowerWeightedShare_LowestFirst()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=10,mem=10GiB")
            .WithRole("a", weight: 4).WithRole("b").WithRole("me")
            .WithFramework("fa", "a", "cpus=4", 1).WithFramework("fb", "b", "cpus=1", 1).WithFramework("f", "me", "cpus=5", 2);
        engine.Allocate();

        var e = engine.Explain(F);

        // a: 4/10 = 0.4, weighted 0.1; b: 0.1, weighted 0.1; me: 0.5 — both are ahead.
        Assert.Equal(UnmetReason.WaitingForResources, e.Reason);
        Assert.Equal(["a", "b"], e.RolesAhead.Select(r => r.Role.Value));
        Assert.Equal(0.1, e.RolesAhead[0].WeightedShare, 12);
        Assert.Equal(0.4, e.RolesAhead[0].DominantShare, 12);
        Assert.Contains("held first by a (40.0%, weighted 10.0%), b (10.0%, weighted 10.0%)", e.Message);
    }

    [Fact]
    public void RoomNotYetGranted_IsGrantable()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB").WithFramework("f", "r", "cpus=1", 2);

        Assert.Equal(UnmetReason.Grantable, engine.Explain(F).Reason);
    }
}
