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
}
