using OrleansMesos.Allocation;
using OrleansMesos.Hosting;

namespace OrleansMesos.Grains.Tests;

/// <summary>A partition never grants a framework's share twice because its leases are still on their way.</summary>
public sealed class DemandShareTests : ClusterTestBase
{
    // No framework grain takes these leases: offers are dropped, so they stay outstanding and unseen, in flight.
    protected override Action<ISiloBuilder>? Storage => silo => silo.AddOrleansMesosMemoryStorage().AddIncomingGrainCallFilter(context =>
        context.InterfaceMethod?.Name == nameof(IFrameworkGrain.Offer) ? Task.CompletedTask : context.Invoke());

    // Given a partition that granted 5 tasks the framework grain has not seen yet, When the framework grain
    // re-sends the same share (it had seen none of them), Then the partition grants nothing more; once the
    // framework reports having seen them, the share is granted again.
    [Fact]
    public async Task LeasesInFlight_CountAgainstAResentShare()
    {
        await AddNodes(1, "cpus=32,mem=32GiB");
        var partition = Cluster.Partition(NodePartitioner.PartitionOf(new NodeId("n0"), Cluster.Options.Partitions));
        PartitionFramework Share(long version, long seen) =>
            new(new FrameworkId("ghost"), new RoleName("default"), false, [Demand("cpus=1,mem=1GiB", 5)], version, seen);

        await partition.UpsertFramework(Share(1, 0));
        await partition.Allocate();
        Assert.Equal(5, (await partition.GetView()).Grants);

        await partition.UpsertFramework(Share(2, 0));
        await partition.Allocate();
        Assert.Equal(5, (await partition.GetView()).Grants);

        await partition.UpsertFramework(Share(3, 5));
        await partition.Allocate();
        Assert.Equal(10, (await partition.GetView()).Grants);
    }
}
