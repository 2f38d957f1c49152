using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Tests;

/// <summary>A draining node takes no new leases, its outstanding leases are rescinded, and its containers keep running.</summary>
public sealed class DrainTests : ClusterTestBase
{
    // Given a lease outstanding on the only node, When the node drains, Then the lease is rescinded, no new lease
    // is granted on it, and a node that joins later gets the demand.
    [Fact]
    public async Task Drain_RescindsOutstandingLeases_AndGrantsNoMoreOnTheNode()
    {
        await AddNodes(1, "cpus=4,mem=8GiB");
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        var lease = await observer.NextLease();

        await Cluster.Node("n0").Drain();

        await Eventually.True(() => observer.Rescinded.Contains(lease.Id), "the lease is rescinded");
        Assert.True((await Cluster.Node("n0").GetSnapshot()).Draining);
        await Cluster.AllocateAll();
        await Cluster.AllocateAll();
        Assert.False(observer.Leases.Reader.TryRead(out _));
        Assert.All(await Cluster.Views(), v => Assert.Empty(v.Leases));
        Assert.Equal(Resources.Zero, await ClusterAllocated());

        await AddNodes(1, "cpus=4,mem=8GiB", prefix: "m");
        var next = await observer.NextLease();
        Assert.Equal(new NodeId("m0"), next.Node);
    }

    // Given a running container, When its node drains, Then it keeps running and nobody kills it; a launch is refused.
    [Fact]
    public async Task Drain_LeavesRunningContainersRunning_AndRefusesLaunches()
    {
        var agent = await AddNodes(1, "cpus=4,mem=8GiB");
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        var lease = await observer.NextLease();
        await framework.Redeem(new RedeemRequest("r1", lease.Id, [Container("c1", "cpus=1,mem=1GiB")]));
        await Eventually.True(async () => (await Cluster.Node("n0").GetSnapshot()).Containers.Single().State == ContainerState.Running, "the container runs");

        await Cluster.Node("n0").Drain();

        var snapshot = await Cluster.Node("n0").GetSnapshot();
        Assert.True(snapshot.Draining);
        Assert.Equal(ContainerState.Running, snapshot.Containers.Single().State);
        Assert.Empty(agent.Kills);
        var refused = await Assert.ThrowsAsync<NodeUnavailableException>(() => Cluster.Node("n0").Launch(new FrameworkId("f"), new LeaseId("p0-x"), [Container("c2", "cpus=1")]));
        Assert.Contains("draining", refused.Message, StringComparison.Ordinal);
    }

    // Given a drained node, When its agent registers it again (a restart), Then it stays drained; When it is
    // undrained, Then it takes leases again.
    [Fact]
    public async Task ADrainedNode_StaysDrainedAcrossRegistration_UntilUndrained()
    {
        var agent = await AddNodes(1, "cpus=4,mem=8GiB");
        await Cluster.Node("n0").Drain();
        await Cluster.Node("n0").Register(new NodeRegistration(new NodeId("n0"), R("cpus=4,mem=8GiB"), [], Cluster.Client.CreateObjectReference<INodeAgent>(agent)));
        await Cluster.Node("n0").Heartbeat();
        var (observer, framework) = await AddFramework("f");

        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        await Cluster.AllocateAll();

        Assert.True((await Cluster.Node("n0").GetSnapshot()).Draining);
        Assert.False(observer.Leases.Reader.TryRead(out _));

        await Cluster.Node("n0").Undrain();

        var lease = await observer.NextLease();
        Assert.Equal(new NodeId("n0"), lease.Node);
        Assert.False((await Cluster.Node("n0").GetSnapshot()).Draining);
    }

    [Fact]
    public async Task DrainingAnUnregisteredNode_IsRefusedByName()
    {
        var error = await Assert.ThrowsAsync<UnknownEntityException>(() => Cluster.Node("ghost").Drain());

        Assert.Equal("unknown node 'ghost'", error.Message);
    }
}
