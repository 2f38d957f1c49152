using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Tests;

/// <summary>
/// A draining node takes no new leases, its outstanding leases are rescinded, and its containers keep running until
/// the drain's deadline, if any; a node that leaves is forgotten, and what it ran is reported Lost.
/// </summary>
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

    // Given three containers on a node that drains with a 3 s deadline, one of which finishes before it, When the
    // clock has not reached the deadline, Then nothing is killed; When it passes it and the node checks its health
    // (three times), Then its agent is asked once to kill each of the two still live, not the finished one, and
    // their Killed reports carry the drain as the reason.
    [Fact]
    public async Task PastItsDeadline_ADrainKillsEachLiveContainerOnce_NamingTheDrain()
    {
        var agent = await AddNodes(1, "cpus=4,mem=8GiB", reportKills: false);
        var (observer, _) = await Running("c1", "c2", "c3");
        await Cluster.Node("n0").Report(new AgentReport(new FrameworkId("f"), new ContainerId("c3"), ContainerState.Finished, 0, null));

        await Cluster.Node("n0").Drain(TimeSpan.FromSeconds(3));
        Cluster.Time.Advance(TimeSpan.FromSeconds(2));
        await Cluster.Node("n0").CheckHealth();

        Assert.Empty(agent.Kills);

        Cluster.Time.Advance(TimeSpan.FromSeconds(1));
        await Cluster.Node("n0").CheckHealth();
        await Cluster.Node("n0").CheckHealth();
        await Cluster.Node("n0").CheckHealth();

        await Eventually.True(() => agent.Kills.Count >= 2, "the agent is asked to kill the live containers");
        foreach (var container in new[] { "c1", "c2" })
        {
            await Cluster.Node("n0").Report(new AgentReport(new FrameworkId("f"), new ContainerId(container), ContainerState.Killed, null, "signal 15"));
        }

        await Eventually.True(() => observer.Applied.Count(u => u.State == ContainerState.Killed) == 2, "both kills are reported");
        Assert.Equal(["c1", "c2"], agent.Kills.Select(k => k.Container.Value).Order());
        Assert.All(observer.Applied.Where(u => u.State == ContainerState.Killed), u => Assert.Equal("killed: the node's drain deadline passed (signal 15)", u.Reason));
        Assert.Equal(ContainerState.Finished, observer.Applied.Last(u => u.Container == new ContainerId("c3")).State);
    }

    // The deadline is part of the node's state: an activation that comes after the drain still kills at it.
    [Fact]
    public async Task TheDrainDeadline_OutlivesTheNodeGrainsActivation()
    {
        var agent = await AddNodes(1, "cpus=4,mem=8GiB");
        await Running("c1");
        await Cluster.Node("n0").Drain(TimeSpan.FromSeconds(3));

        await Cluster.Cluster.DeactivateAsync(Cluster.Node("n0"));
        Cluster.Time.Advance(TimeSpan.FromSeconds(3));
        await Cluster.Node("n0").CheckHealth();

        await Eventually.True(() => agent.Kills.Count == 1, "the container is killed at the deadline");
        Assert.Equal([(new NodeId("n0"), new ContainerId("c1"))], agent.Kills);
    }

    // Given a drain with a deadline, When the node is undrained and then drained again without one, Then the old
    // deadline is gone: nothing is killed once the clock passes it.
    [Fact]
    public async Task Undrain_ClearsTheDeadline()
    {
        var agent = await AddNodes(1, "cpus=4,mem=8GiB");
        var (observer, _) = await Running("c1");
        await Cluster.Node("n0").Drain(TimeSpan.FromSeconds(3));

        await Cluster.Node("n0").Undrain();
        await Cluster.Node("n0").Drain();
        Cluster.Time.Advance(TimeSpan.FromSeconds(4));
        await Cluster.Node("n0").CheckHealth();
        await Cluster.Node("n0").CheckHealth();

        Assert.Empty(agent.Kills);
        Assert.Equal(ContainerState.Running, (await Cluster.Node("n0").GetSnapshot()).Containers.Single().State);
        Assert.DoesNotContain(observer.Applied, u => u.State == ContainerState.Killed);
    }

    // A negative deadline is refused by name and changes nothing: the node is not draining and still takes leases.
    [Fact]
    public async Task ANegativeDeadline_IsRefusedByName_AndChangesNothing()
    {
        await AddNodes(1, "cpus=4,mem=8GiB");

        var error = await Assert.ThrowsAsync<InvalidFieldException>(() => Cluster.Node("n0").Drain(TimeSpan.FromSeconds(-1)));

        Assert.Equal("deadline", error.Field);
        Assert.False((await Cluster.Node("n0").GetSnapshot()).Draining);
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        Assert.Equal(new NodeId("n0"), (await observer.NextLease()).Node);
    }

    // Given a running container and a lease outstanding on a node, When the node leaves, Then the container is
    // reported Lost for that reason, the lease is rescinded, no partition counts the node or anything held there,
    // the directory no longer lists it, and nothing is offered; When its agent registers it again, Then it is
    // schedulable and the framework is offered it again.
    [Fact]
    public async Task ALeavingNode_ReportsItsContainersLost_AndIsForgotten_UntilItRegistersAgain()
    {
        var agent = await AddNodes(1, "cpus=4,mem=8GiB");
        var (observer, framework) = await Running("c1");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        var outstanding = await observer.NextLease();

        await Cluster.Node("n0").Leave();

        await Eventually.True(() => observer.Applied.Any(u => u.Container == new ContainerId("c1") && u.State == ContainerState.Lost), "the container is reported Lost");
        Assert.Equal("its node left the cluster", observer.Applied.Single(u => u.State == ContainerState.Lost).Reason);
        await Eventually.True(() => observer.Rescinded.Contains(outstanding.Id), "the outstanding lease is rescinded");
        var snapshot = await Cluster.Node("n0").GetSnapshot();
        Assert.False(snapshot.Registered);
        Assert.Equal(Resources.Zero, snapshot.Committed);
        Assert.All(await Cluster.Views(), v => Assert.Equal((0, Resources.Zero, Resources.Zero, 0), (v.Nodes, v.Capacity, v.Allocated, v.Leases.Length)));
        Assert.Empty((await Cluster.Client.GetGrain<IClusterGrain>(0).GetDirectory()).Nodes);
        await Cluster.AllocateAll();
        await Cluster.AllocateAll();
        Assert.False(observer.Leases.Reader.TryRead(out _));

        await Cluster.Node("n0").Register(new NodeRegistration(new NodeId("n0"), R("cpus=4,mem=8GiB"), [], Cluster.Client.CreateObjectReference<INodeAgent>(agent)));

        Assert.Equal(new NodeId("n0"), (await observer.NextLease()).Node);
        Assert.True((await Cluster.Node("n0").GetSnapshot()).Registered);
        Assert.Equal(["n0"], (await Cluster.Client.GetGrain<IClusterGrain>(0).GetDirectory()).Nodes.Select(n => n.Value));
    }

    // A redemption under way when the node left (its lease claimed) completes without error, and gives nothing
    // back to a partition that no longer has the node.
    [Fact]
    public async Task ALeaseClaimedBeforeItsNodeLeft_CompletesAfterwards_ReleasingNothing()
    {
        await AddNodes(1, "cpus=4,mem=8GiB");
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        var lease = await observer.NextLease();
        var partition = Cluster.Partition(lease.Partition);
        await partition.Claim(new FrameworkId("f"), lease.Id, "r1");

        await Cluster.Node("n0").Leave();
        await partition.Complete(new FrameworkId("f"), lease.Id, Resources.Zero);

        var view = await partition.GetView();
        Assert.Equal((0, Resources.Zero, Resources.Zero), (view.Nodes, view.Capacity, view.Allocated));
        Assert.Empty(view.Leases);
    }

    [Fact]
    public async Task DrainingAnUnregisteredNode_IsRefusedByName()
    {
        var error = await Assert.ThrowsAsync<UnknownEntityException>(() => Cluster.Node("ghost").Drain());

        Assert.Equal("unknown node 'ghost'", error.Message);
    }

    /// <summary>Framework "f" with one container per id running on n0 (1 cpu, 1 GiB each), all from one lease.</summary>
    private async Task<(FakeFramework Observer, IFrameworkGrain Grain)> Running(params string[] containers)
    {
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand($"cpus={containers.Length},mem={containers.Length}GiB", 1)]);
        var lease = await observer.NextLease();
        await framework.Redeem(new RedeemRequest("r-running", lease.Id, [.. containers.Select(c => Container(c, "cpus=1,mem=1GiB"))]));
        await Eventually.True(() => containers.All(c => observer.Applied.Any(u => u.Container == new ContainerId(c) && u.State == ContainerState.Running)), "the containers run");
        return (observer, framework);
    }
}