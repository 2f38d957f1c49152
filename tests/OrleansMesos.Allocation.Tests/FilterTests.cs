using Microsoft.Extensions.Time.Testing;

namespace OrleansMesos.Allocation.Tests;

public sealed class FilterTests
{
    private readonly FakeTimeProvider _time = new();

    private AllocationEngine TwoNodes() => Build.Engine(time: _time).WithNodes(2, "cpus=1,mem=1GiB")
        .WithFramework("f", "r", "cpus=1", 1);

    [Fact]
    public void ADeclineWithAFilter_KeepsTheNodeFromTheFramework_UntilItExpires()
    {
        var engine = TwoNodes();
        var first = engine.Allocate().Single();
        Assert.Equal("n0", first.Node.Value);

        engine.Decline(first, TimeSpan.FromSeconds(30));
        Assert.Equal("n1", engine.Allocate().Single().Node.Value);
        engine.Decline(new Grant(new FrameworkId("f"), new NodeId("n1"), Build.R("cpus=1"), 0, 1), TimeSpan.FromSeconds(30));
        Assert.Empty(engine.Allocate());
        Assert.Equal(UnmetReason.Filtered, engine.Explain(new FrameworkId("f")).Reason);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(engine.Allocate());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("n0", engine.Allocate().Single().Node.Value);
    }

    [Fact]
    public void ARenewedFilter_OutlivesTheFirstExpiry()
    {
        var engine = Build.Engine(time: _time).WithNodes(1, "cpus=1,mem=1GiB").WithFramework("f", "r", "cpus=1", 1);
        engine.Decline(engine.Allocate().Single(), TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10));
        engine.Decline(engine.Allocate().Single(), TimeSpan.FromSeconds(60));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(engine.Allocate());
    }

    [Fact]
    public void ALongFilter_HoldsUntilRevive()
    {
        var engine = TwoNodes();
        engine.Decline(engine.Allocate().Single(), AllocationEngine.FilterUntilRevived);
        engine.Decline(engine.Allocate().Single(), Timeout.InfiniteTimeSpan);
        _time.Advance(TimeSpan.FromDays(10_000));
        Assert.Empty(engine.Allocate());

        engine.Revive(new FrameworkId("f"));
        Assert.Single(engine.Allocate());
    }

    [Fact]
    public void SuppressStopsGrants_ReviveResumesThem()
    {
        var engine = TwoNodes();
        engine.Suppress(new FrameworkId("f"));
        Assert.Empty(engine.Allocate());
        Assert.Equal(UnmetReason.Suppressed, engine.Explain(new FrameworkId("f")).Reason);

        engine.Revive(new FrameworkId("f"));
        Assert.Single(engine.Allocate());
    }

    // Filters are per framework: another framework still gets the filtered node.
    [Fact]
    public void AFilter_BindsOnlyTheFrameworkThatDeclined()
    {
        var engine = Build.Engine(time: _time).WithNodes(1, "cpus=1,mem=1GiB")
            .WithFramework("a", "r", "cpus=1", 1).WithFramework("b", "r", "cpus=1", 1);
        var grant = engine.Allocate().Single();
        engine.Decline(grant, TimeSpan.FromMinutes(5));

        var next = engine.Allocate().Single();

        Assert.NotEqual(grant.Framework, next.Framework);
    }

    // Many filtered nodes in a row are leapt over, and the first unfiltered one past them is found.
    [Fact]
    public void FilteredRuns_AreLeptOver_ToTheFirstUnfilteredNode()
    {
        var engine = Build.Engine(time: _time).WithNodes(200, "cpus=1,mem=1GiB").WithFramework("f", "r", "cpus=1", 1);
        for (var i = 0; i < 150; i++)
        {
            var grant = engine.Allocate().Single();
            Assert.Equal($"n{i}", grant.Node.Value);
            engine.Decline(grant, AllocationEngine.FilterUntilRevived);
        }

        Assert.Equal("n150", engine.Allocate().Single().Node.Value);
    }

    [Fact]
    public void ADeclineAfterTheDemandChanged_DoesNotResurrectTheOldTask()
    {
        var engine = TwoNodes();
        var grant = engine.Allocate().Single();
        engine.SetDemand(new FrameworkId("f"), [new DemandGroup(Build.R("cpus=1"), 0)]);

        engine.Decline(grant);

        Assert.Equal(0, engine.Fw("f").RemainingTasks);
        Assert.Empty(engine.Allocate());
    }
}
