namespace OrleansMesos.Allocation.Tests;

public sealed class FairnessTests
{
    // 12 cpus; identical 1-cpu tasks; role "heavy" has weight 2 and "light" weight 1.
    // Weighted shares equalise when heavy holds 8/12 and light 4/12: 8/12/2 == 4/12/1.
    [Fact]
    public void RoleWeights_SplitTheClusterInProportion()
    {
        var engine = Build.Engine().WithNodes(3, "cpus=4,mem=4GiB")
            .WithRole("heavy", weight: 2).WithRole("light", weight: 1)
            .WithFramework("h", "heavy", "cpus=1,mem=256MiB", 100)
            .WithFramework("l", "light", "cpus=1,mem=256MiB", 100);

        var grants = engine.Allocate();

        Assert.Equal(8, grants.Tasks("h"));
        Assert.Equal(4, grants.Tasks("l"));
    }

    // Within a role, frameworks share by their own dominant share: two frameworks in one role split
    // evenly even when the other role has a higher weight.
    [Fact]
    public void FrameworksWithinARole_ShareByTheirOwnDominantShare()
    {
        var engine = Build.Engine().WithNodes(4, "cpus=4,mem=16GiB")
            .WithRole("a", weight: 3).WithRole("b", weight: 1)
            .WithFramework("a1", "a", "cpus=1,mem=1GiB", 100)
            .WithFramework("a2", "a", "cpus=1,mem=1GiB", 100)
            .WithFramework("b1", "b", "cpus=1,mem=1GiB", 100);

        var grants = engine.Allocate();

        // 16 cpus: a gets 12 (weighted 12/16/3 = 0.25), b gets 4 (4/16/1 = 0.25); a1 and a2 six each.
        Assert.Equal(6, grants.Tasks("a1"));
        Assert.Equal(6, grants.Tasks("a2"));
        Assert.Equal(4, grants.Tasks("b1"));
    }

    [Fact]
    public void WeightChangesAtRunTime_TakeEffectAtTheNextPass()
    {
        var engine = Build.Engine().WithNodes(2, "cpus=4,mem=4GiB")
            .WithRole("x").WithRole("y")
            .WithFramework("fx", "x", "cpus=1", 100)
            .WithFramework("fy", "y", "cpus=1", 100);
        var first = engine.Allocate();
        Assert.Equal(4, first.Tasks("fx"));
        foreach (var grant in first)
        {
            engine.Decline(grant);
        }

        engine.SetRole(new RoleSettings(new RoleName("x"), 3));
        var second = engine.Allocate();

        Assert.Equal(6, second.Tasks("fx"));
        Assert.Equal(2, second.Tasks("fy"));
    }

    // A framework whose task cannot fit steps aside; the next lowest share gets the room.
    [Fact]
    public void AFrameworkWhoseTaskDoesNotFit_DoesNotBlockOthers()
    {
        var engine = Build.Engine().WithNodes(1, "cpus=4,mem=4GiB")
            .WithFramework("big", "r", "cpus=8", 1)
            .WithFramework("small", "r", "cpus=1", 10);

        var grants = engine.Allocate();

        Assert.Equal(0, grants.Tasks("big"));
        Assert.Equal(4, grants.Tasks("small"));
    }

    [Fact]
    public void ExcludedResources_DoNotCountInTheDominantShare()
    {
        var options = new AllocationOptions { FairnessExcludedResources = ResourceKind.Gpus };
        var engine = Build.Engine(options).WithNodes(1, "cpus=10,mem=10GiB,gpus=2")
            .WithFramework("g", "r", "cpus=1,mem=1GiB,gpus=1", 1, gpu: true);
        engine.Allocate();

        // Holding 1 of 2 GPUs would be a share of 0.5; excluded, the share is cpus 1/10.
        Assert.Equal(0.1, engine.Fw("g").DominantShare, 12);
    }

    [Fact]
    public void EqualShares_AreBrokenBySeed_Deterministically()
    {
        static string FirstWinner(int seed)
        {
            var engine = Build.Engine(new AllocationOptions { Seed = seed }).WithNodes(1, "cpus=1,mem=1GiB")
                .WithFramework("p", "r", "cpus=1", 1)
                .WithFramework("q", "r", "cpus=1", 1);
            return engine.Allocate().Single().Framework.Value;
        }

        var winners = Enumerable.Range(0, 40).Select(FirstWinner).ToList();
        Assert.Equal(winners, Enumerable.Range(0, 40).Select(FirstWinner).ToList());
        Assert.Contains("p", winners);
        Assert.Contains("q", winners);
    }
}
