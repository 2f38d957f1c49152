namespace OrleansMesos.Allocation.Tests;

public sealed class GlobalViewTests
{
    // A shard of 4 cpus in a cluster of 40. "rich" holds 20 cpus elsewhere (share 0.5); "poor" nothing.
    // In this shard poor is served first until its share reaches rich's: all 4 local cpus go to poor.
    [Fact]
    public void WhatAFrameworkHoldsElsewhere_CountsInItsShare()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB")
            .WithFramework("rich", "r", "cpus=1", 10)
            .WithFramework("poor", "r", "cpus=1", 10);
        engine.SetGlobalView(Build.R("cpus=40,mem=40GiB"), new Dictionary<FrameworkId, Resources> { [new("rich")] = Build.R("cpus=20") });

        var grants = engine.Allocate();

        Assert.Equal(4, grants.Tasks("poor"));
        Assert.Equal(0.5, engine.Fw("rich").DominantShare, 12);
        Assert.Equal(0.1, engine.Fw("poor").DominantShare, 12);
    }

    [Fact]
    public void RoleLimits_CountWhatTheRoleHoldsElsewhere()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=8,mem=8GiB")
            .WithRole("capped", limit: "cpus=5")
            .WithFramework("f", "capped", "cpus=1", 10);
        engine.SetGlobalView(Build.R("cpus=80,mem=80GiB"), new Dictionary<FrameworkId, Resources> { [new("f")] = Build.R("cpus=3") });

        Assert.Equal(2, engine.Allocate().Count);
        Assert.Equal(UnmetReason.RoleLimitReached, engine.Explain(new FrameworkId("f")).Reason);
    }

    [Fact]
    public void ANullCapacity_ReturnsToTheEnginesOwnTotal()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB").WithFramework("f", "r", "cpus=1", 1);
        engine.Allocate();
        engine.SetGlobalView(Build.R("cpus=40,mem=4GiB"), new Dictionary<FrameworkId, Resources>());
        Assert.Equal(0.025, engine.Fw("f").DominantShare, 12);

        engine.SetGlobalView(null, new Dictionary<FrameworkId, Resources>());

        Assert.Equal(0.25, engine.Fw("f").DominantShare, 12);
    }

    [Fact]
    public void AllocatedByFrameworkAndRole_NameOnlyWhatIsHeld_AsTheViewsSayIt()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB")
            .WithFramework("busy", "r", "cpus=1", 2)
            .WithFramework("idle", "r", "cpus=8", 1);
        Assert.True(engine.HasPendingDemand);
        engine.Allocate();

        Assert.Equal([(new FrameworkId("busy"), Build.R("cpus=2"))], engine.AllocatedByFramework().Select(kv => (kv.Key, kv.Value)));
        Assert.Equal([(new RoleName("r"), Build.R("cpus=2"))], engine.AllocatedByRole().Select(kv => (kv.Key, kv.Value)));
        Assert.True(engine.HasPendingDemand);

        engine.Suppress(new FrameworkId("idle"));
        Assert.False(engine.HasPendingDemand);
    }
}
