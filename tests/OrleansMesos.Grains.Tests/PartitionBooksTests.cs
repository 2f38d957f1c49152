using OrleansMesos.Allocation;

namespace OrleansMesos.Grains.Tests;

/// <summary>A partition's count of what frameworks hold must not wedge it when a release comes late.</summary>
public sealed class PartitionBooksTests : ClusterTestBase
{
    // Given an outstanding lease, When a late release (of containers a rebuild already left out) takes part of
    // the framework's share on the node, and then the lease expires, Then the partition returns what is held
    // instead of refusing, keeps allocating, and the framework holds nothing there.
    [Fact]
    public async Task ALeaseExpiring_AfterALateRelease_ReturnsWhatIsHeld_AndThePartitionCarriesOn()
    {
        await AddNodes(1, "cpus=4,mem=8GiB", prefix: "late");
        var (observer, framework) = await AddFramework("stale");
        await framework.SetDemand([Demand("cpus=2", 1)]);
        var lease = await observer.NextLease();
        var partition = Cluster.Partition(lease.Partition);

        await framework.SetDemand([]); // nothing is granted again once the lease is back
        await partition.Release(new FrameworkId("stale"), lease.Node, R("cpus=0.5"));
        Cluster.Time.Advance(Cluster.Options.LeaseTtl + TimeSpan.FromSeconds(1));
        await partition.Allocate();

        var view = await partition.GetView();
        Assert.DoesNotContain(view.Leases, l => l.Id == lease.Id);
        Assert.True(!view.Holdings.TryGetValue(new FrameworkId("stale"), out var held) || held.IsZero, $"still held: {held}");
    }

    // Given two containers on a node, When the node's partition is rebuilt while one of them ends (its snapshot
    // already shows it ended) and the node's release of it arrives after the rebuild, Then the partition ignores
    // that release: it still counts the other container, instead of counting nothing while it runs.
    [Fact]
    public async Task AReleaseArrivingAfterARebuildThatAlreadyLacksIt_IsIgnored()
    {
        await AddNodes(1, "cpus=4,mem=8GiB", prefix: "rel");
        var (observer, framework) = await AddFramework("releasing");
        var partition = Cluster.Partition(NodePartitioner.PartitionOf(new NodeId("rel0"), Cluster.Options.Partitions));
        for (var i = 1; i <= 2; i++)
        {
            await framework.SetDemand([Demand("cpus=1", 1)]);
            var lease = await observer.NextLease();
            await framework.Redeem(new RedeemRequest($"r{i}", lease.Id, [Container($"c{i}", "cpus=1")]));
        }

        await framework.SetDemand([]);
        await Cluster.Cluster.DeactivateAsync(partition);
        await Cluster.Node("rel0").Report(new AgentReport(new FrameworkId("releasing"), new ContainerId("c1"), ContainerState.Finished, 0, null));

        await Eventually.True(async () => (await Cluster.Node("rel0").GetSnapshot()).Containers.Single(c => c.Spec.Id == new ContainerId("c1")).State == ContainerState.Finished, "c1 finished");
        await Cluster.AllocateAll();
        var view = await partition.GetView();
        var leased = view.Leases.Where(l => l.Framework == new FrameworkId("releasing")).Aggregate(Resources.Zero, (sum, l) => sum + l.Resources);
        Assert.Equal(R("cpus=1"), view.Holdings.GetValueOrDefault(new FrameworkId("releasing")) - leased);
    }
}
