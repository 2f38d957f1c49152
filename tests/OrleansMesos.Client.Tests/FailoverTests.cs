using Microsoft.Extensions.Time.Testing;
using OrleansMesos.Client.Tests.Cluster;
using OrleansMesos.Errors;

namespace OrleansMesos.Client.Tests;

public sealed class FailoverTests(ClientCluster cluster) : ClientTestBase(cluster)
{
    // Given a framework with a running container whose updates were not acknowledged, When its client disconnects
    // and a new client connects with the same id within the failover timeout, Then the new client sees the
    // container in its first snapshot and reads the unacknowledged updates again, each once.
    [Fact]
    public async Task ANewClientWithTheSameId_TakesOverTheRunningContainer_AndItsUnacknowledgedUpdates()
    {
        await AddNodes(1, "cpus=4,mem=8GiB");
        var first = await Connect();
        await first.SetDemandAsync([Demand("cpus=1", 1)], Ct);
        var lease = Assert.Single(await Take(first.ReadLeasesAsync(Ct), 1, "a lease"));
        await first.RedeemAsync(lease, [Container("c1", "cpus=1")], cancellationToken: Ct);
        await Take(first.ReadStatusUpdatesAsync(Ct), 3, "Staging, Starting, Running");

        await first.DisposeAsync();
        Assert.Empty(await Take(first.ReadStatusUpdatesAsync(Ct), int.MaxValue, "the end of the disposed client's updates"));
        var away = await Cluster.Framework(first.Id).GetSnapshot();
        Assert.False(away.Connected);
        Assert.NotNull(away.DisconnectedAt);
        var second = await Connect();

        var snapshot = second.LastSnapshot!;
        Assert.True(snapshot.Connected);
        var container = Assert.Single(snapshot.Containers);
        Assert.Equal((new ContainerId("c1"), ContainerState.Running), (container.Container, container.State));
        var updates = await Take(second.ReadStatusUpdatesAsync(Ct), 3, "the unacknowledged updates again");
        Assert.Equal([ContainerState.Staging, ContainerState.Starting, ContainerState.Running], updates.Select(u => u.State));
        Assert.Equal([1L, 2L, 3L], updates.Select(u => u.Sequence));

        await updates[^1].AcknowledgeAsync(Ct);
        Assert.Equal(0, (await second.GetSnapshotAsync(Ct)).UnacknowledgedUpdates);
    }

    // Given a cluster that lost track of the client (its observer is gone), When leases are granted meanwhile and
    // the refresh interval passes, Then the refresh registers again and the leases arrive.
    [Fact]
    public async Task TheRefresh_ResumesDelivery_AfterTheClusterLostTheClient()
    {
        await AddNodes(1, "cpus=4,mem=8GiB");
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var options = Options(time: time);
        var client = await Connect(options);
        await Cluster.Framework(client.Id).Disconnect();

        await client.SetDemandAsync([Demand("cpus=1", 1)], Ct);
        await Eventually.True(async () => (await client.GetSnapshotAsync(Ct)).Leases.Length == 1, "a lease is granted");
        Assert.Equal(0, client.LeaseInbox.Offered);
        time.Advance(options.RefreshInterval);

        var lease = Assert.Single(await Take(client.ReadLeasesAsync(Ct), 1, "the lease, after the refresh"));
        Assert.Equal(client.Id, lease.Framework);
        Assert.True((await Cluster.Framework(client.Id).GetSnapshot()).Connected);
    }

    // Given a framework with a running container, When it unregisters, Then its container is killed, its
    // resources return, the client's readers end, the grain refuses further calls, and a new client with the
    // same id starts afresh.
    [Fact]
    public async Task Unregister_EndsTheFramework()
    {
        var (agent, nodes) = await AddNodes(1, "cpus=4,mem=8GiB");
        var client = await Connect();
        await client.SetDemandAsync([Demand("cpus=1", 2)], Ct);
        var leases = await LeasesFor(client, 2);
        await client.RedeemAsync(leases[0], [Container("c1", "cpus=1")], cancellationToken: Ct);
        await Take(client.ReadStatusUpdatesAsync(Ct), 3, "Staging, Starting, Running");

        await client.UnregisterAsync(Ct);

        Assert.Empty(await Take(client.ReadLeasesAsync(Ct), int.MaxValue, "the end of the leases"));
        Assert.Equal([new ContainerId("c1")], agent.Kills);
        await Eventually.True(async () => (await Committed(nodes)).IsZero, "the node's resources are free again");
        await Assert.ThrowsAsync<UnknownEntityException>(() => client.SetDemandAsync([Demand("cpus=1", 1)], Ct));

        // The Killed update still reaches the ended framework's books; only then is a new start clean.
        await Eventually.True(
            async () => (await Cluster.Framework(client.Id).GetSnapshot()).Containers.All(c => c.State.IsTerminal()),
            "the Killed update reaches the framework grain");
        var again = await Connect();
        Assert.Empty(again.LastSnapshot!.Containers);
        Assert.Empty(again.LastSnapshot.Leases);
    }
}
