using OrleansMesos.Allocation;
using OrleansMesos.Errors;

namespace OrleansMesos.Grains.Tests;

/// <summary>Partitions lost mid-flow, decline filters, framework failover, nodes that stop answering.</summary>
public sealed class ResilienceTests : ClusterTestBase
{
    private IAllocatorPartitionGrain PartitionOf(string node) =>
        Cluster.Partition(NodePartitioner.PartitionOf(new NodeId(node), Cluster.Options.Partitions));

    // Given a node that fits one task, leased to "a", When its partition is deactivated and "b" asks for the
    // same room, Then the rebuilt partition still counts a's lease (b gets nothing), a's redemption works,
    // and b is served once a's container ends.
    [Fact]
    public async Task APartitionDeactivatedMidFlow_NeitherLosesNorDoublesAGrant()
    {
        await AddNodes(1, "cpus=1,mem=1GiB");
        var (observerA, a) = await AddFramework("a");
        await a.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        var lease = await observerA.NextLease();

        await Cluster.Cluster.DeactivateAsync(PartitionOf("n0"));
        var (observerB, b) = await AddFramework("b");
        await b.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);
        await Cluster.AllocateAll();

        var view = await PartitionOf("n0").GetView();
        Assert.Equal([lease.Id], view.Leases.Select(l => l.Id));
        Assert.Equal(R("cpus=1,mem=1GiB"), view.Allocated);
        Assert.False(observerB.Leases.Reader.TryRead(out _));

        await a.Redeem(new RedeemRequest("r", lease.Id, [Container("c1", "cpus=1,mem=1GiB")]));
        await Cluster.Cluster.DeactivateAsync(PartitionOf("n0"));
        await Cluster.AllocateAll();
        Assert.Equal(R("cpus=1,mem=1GiB"), (await PartitionOf("n0").GetView()).Allocated);
        Assert.False(observerB.Leases.Reader.TryRead(out _));

        await Cluster.Node("n0").Report(new AgentReport(new FrameworkId("a"), new ContainerId("c1"), ContainerState.Finished, 0, null));
        var forB = await observerB.NextLease();
        Assert.Equal(new NodeId("n0"), forB.Node);
    }

    [Fact]
    public async Task ADeclineFilter_KeepsTheNodeAway_UntilItExpires()
    {
        await AddNodes(2, "cpus=1,mem=1GiB");
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 1)]);

        var first = await observer.NextLease();
        await framework.Decline(first.Id, TimeSpan.FromSeconds(30));
        var second = await observer.NextLease();
        Assert.NotEqual(first.Node, second.Node);

        await framework.Decline(second.Id, TimeSpan.FromSeconds(30));
        await Cluster.AllocateAll();
        Assert.False(observer.Leases.Reader.TryRead(out _));

        Cluster.Time.Advance(TimeSpan.FromSeconds(30));
        await Cluster.AllocateAll();
        var third = await observer.NextLease();
        Assert.Contains(third.Node, new[] { first.Node, second.Node });
    }

    [Fact]
    public async Task DeclineRefusesANegativeFilter()
    {
        await AddNodes(1, "cpus=1,mem=1GiB");
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1", 1)]);
        var lease = await observer.NextLease();

        var e = await Assert.ThrowsAsync<InvalidFieldException>(() => framework.Decline(lease.Id, TimeSpan.FromSeconds(-1)));

        Assert.Equal("filter", e.Field);
        Assert.Single((await framework.GetSnapshot()).Leases);
    }

    // A client that reconnects within its failover timeout finds its leases and containers, and receives
    // again every update it has not acknowledged.
    [Fact]
    public async Task AFrameworkThatReconnectsWithinItsTimeout_KeepsEverything()
    {
        await AddNodes(1, "cpus=4,mem=4GiB");
        var (observer, framework) = await AddFramework("f", failover: TimeSpan.FromMinutes(1));
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 2)]);
        var lease = await observer.NextLease();
        await framework.Redeem(new RedeemRequest("r", lease.Id, [Container("c1", "cpus=1,mem=1GiB")]));
        await Eventually.True(() => observer.Applied.Any(u => u.State == ContainerState.Running), "the container runs");

        await framework.Disconnect();
        Cluster.Time.Advance(TimeSpan.FromSeconds(59));
        await framework.CheckTimers();
        var again = new FakeFramework();
        var snapshot = await framework.Register(Registration("f", failover: TimeSpan.FromMinutes(1)), Cluster.Client.CreateObjectReference<IFrameworkObserver>(again));

        Assert.True(snapshot.Connected);
        Assert.Equal([new ContainerId("c1")], snapshot.Containers.Select(c => c.Container));
        Assert.Equal(ContainerState.Running, snapshot.Containers[0].State);
        await Eventually.True(() => again.Applied.Select(u => u.State).SequenceEqual([ContainerState.Staging, ContainerState.Running]), "unacknowledged updates come again");
        GC.KeepAlive(again);
    }

    [Fact]
    public async Task PastItsFailoverTimeout_AFrameworksContainersAreKilled_AndItsLeasesReturned()
    {
        var agent = await AddNodes(1, "cpus=4,mem=4GiB");
        var (observer, framework) = await AddFramework("f", failover: TimeSpan.FromSeconds(10));
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 2)]);
        var leases = new List<Lease> { await observer.NextLease() };
        await framework.Redeem(new RedeemRequest("r", leases[0].Id, [Container("c1", "cpus=1,mem=1GiB")]));
        await Eventually.True(async () => (await framework.GetSnapshot()).Leases.Length == 1, "the second task is leased");

        await framework.Disconnect();
        Cluster.Time.Advance(TimeSpan.FromSeconds(10));
        await framework.CheckTimers();

        // The kill reaches the agent as a one-way call.
        await Eventually.True(() => agent.Kills.Count == 1, "the agent is asked to kill the container");
        Assert.Equal([(new NodeId("n0"), new ContainerId("c1"))], agent.Kills);
        await Assert.ThrowsAsync<UnknownEntityException>(() => framework.SetDemand([Demand("cpus=1", 1)]));
        await Eventually.True(async () => (await ClusterAllocated()).IsZero, "everything it held returns");
        Assert.All(await Cluster.Views(), v => Assert.Empty(v.Leases));
    }

    // A client that crashes never calls Disconnect: its silence past ClientTimeout starts the failover
    // timeout, and past that the framework is torn down; its snapshot then says it ended.
    [Fact]
    public async Task AFrameworkWhoseClientFallsSilent_IsTakenAsDisconnected_ThenEnded()
    {
        await AddNodes(1, "cpus=4,mem=4GiB");
        var (_, framework) = await AddFramework("f", failover: TimeSpan.FromSeconds(10));

        Cluster.Time.Advance(Cluster.Options.ClientTimeout);
        await framework.CheckTimers();
        var silent = await framework.GetSnapshot();
        Assert.False(silent.Connected);
        Assert.Equal(Cluster.Time.GetUtcNow(), silent.DisconnectedAt);
        Assert.False(silent.Ended);

        Cluster.Time.Advance(TimeSpan.FromSeconds(10));
        await framework.CheckTimers();
        Assert.True((await framework.GetSnapshot()).Ended);
        await Assert.ThrowsAsync<UnknownEntityException>(() => framework.SetDemand([Demand("cpus=1", 1)]));
    }

    // A node whose agent stops heartbeating is unreachable: its leases are rescinded at once; after the
    // grace period its containers are reported Lost and their resources return.
    [Fact]
    public async Task ANodeThatStopsHeartbeating_LosesItsLeases_ThenItsContainers()
    {
        await AddNodes(1, "cpus=4,mem=4GiB");
        var (observer, framework) = await AddFramework("f");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 2)]);
        var first = await observer.NextLease();
        await framework.Redeem(new RedeemRequest("r", first.Id, [Container("c1", "cpus=1,mem=1GiB")]));
        var second = first.Tasks == 2 ? null : await observer.NextLease();

        Cluster.Time.Advance(Cluster.Options.HeartbeatInterval * (Cluster.Options.MissedHeartbeatsLimit + 1));
        await Cluster.Node("n0").CheckHealth();
        Assert.False((await Cluster.Node("n0").GetSnapshot()).Reachable);
        if (second is not null)
        {
            await Eventually.True(() => observer.Rescinded.Contains(second.Id), "the outstanding lease is rescinded");
        }

        Cluster.Time.Advance(Cluster.Options.LostGracePeriod);
        await Cluster.Node("n0").CheckHealth();

        await Eventually.True(() => observer.Applied.Any(u => u.Container == new ContainerId("c1") && u.State == ContainerState.Lost), "the container is reported Lost");
        await Eventually.True(async () => (await ClusterAllocated()).IsZero, "its resources return");
        var refused = await Assert.ThrowsAsync<NodeUnavailableException>(() => Cluster.Node("n0").Launch(new FrameworkId("f"), new LeaseId("p0-x"), [Container("c9", "cpus=1")]));
        Assert.Equal("unreachable", refused.Reason);

        await Cluster.Node("n0").Heartbeat(new NodeUsage(R("cpus=0.5,mem=100MiB"), 0));
        await Eventually.True(async () => (await Cluster.Node("n0").GetSnapshot()).Reachable, "a heartbeat makes the node reachable again");
        Assert.Equal(new NodeUsage(R("cpus=0.5,mem=100MiB"), 0), (await Cluster.Node("n0").GetSnapshot()).Usage);
    }
}
