using OrleansMesos.Client.Tests.Cluster;

namespace OrleansMesos.Client.Tests;

public sealed class LeaseTests(ClientCluster cluster) : ClientTestBase(cluster)
{
    // Given two nodes and demand for two tasks, When the leases arrive and the grain sends them all again (as it
    // does on every refresh), Then each lease is read once and the repeats queue nothing.
    [Fact]
    public async Task Leases_AreReadOnce_EvenWhenTheClusterSendsThemAgain()
    {
        await AddNodes(2, "cpus=4,mem=8GiB");
        var client = await Connect();

        await client.SetDemandAsync([Demand("cpus=1,mem=1GiB", 2)], Ct);
        var leases = await LeasesFor(client, 2);

        Assert.Equal(2, leases.Sum(l => l.Tasks));
        Assert.All(leases, l => Assert.Equal(client.Id, l.Framework));
        Assert.Equal(leases.Count, leases.Select(l => l.Id).Distinct().Count());
        var offered = client.LeaseInbox.Offered;
        await client.RefreshAsync(Ct);
        await Eventually.True(() => client.LeaseInbox.Offered >= offered + leases.Count, "the leases are sent again");
        Assert.Equal(0, client.LeaseInbox.Queued);
    }

    // Given a lease that arrived but was not read, When it expires and its rescind arrives, Then it is never
    // read: the next lease read is a new one.
    [Fact]
    public async Task ALeaseRescindedBeforeItIsRead_IsNeverRead()
    {
        await AddNodes(1, "cpus=4,mem=8GiB");
        var client = await Connect();
        await client.SetDemandAsync([Demand("cpus=1", 1)], Ct);
        await Eventually.True(() => client.LeaseInbox.Offered >= 1, "a lease arrives");
        var expired = Assert.Single((await client.GetSnapshotAsync(Ct)).Leases);

        // No new lease until the test asks again: the expired one's task does not return to a demand.
        await client.SetDemandAsync([], Ct);
        await Cluster.AdvanceAndAllocate(Cluster.Options.LeaseTtl + TimeSpan.FromSeconds(1));
        await Eventually.True(() => client.LeaseInbox.Rescinded >= 1, "the rescind arrives");
        await client.SetDemandAsync([Demand("cpus=1", 1)], Ct);

        var next = Assert.Single(await Take(client.ReadLeasesAsync(Ct), 1, "a new lease"));
        Assert.NotEqual(expired.Id, next.Id);
    }

    // Given two nodes, When the framework declines a lease with a filter, Then its next lease is on the other node.
    [Fact]
    public async Task ADeclineWithAFilter_KeepsTheNodeAwayFromTheFramework()
    {
        var (_, nodes) = await AddNodes(2, "cpus=4,mem=8GiB");
        var client = await Connect();
        await client.SetDemandAsync([Demand("cpus=1", 1)], Ct);
        var declined = Assert.Single(await Take(client.ReadLeasesAsync(Ct), 1, "a lease"));

        await client.DeclineAsync(declined.Id, TimeSpan.FromHours(1), Ct);

        var next = Assert.Single(await Take(client.ReadLeasesAsync(Ct), 1, "a lease on the other node"));
        Assert.NotEqual(declined.Node, next.Node);
        Assert.Contains(next.Node, nodes);
        Assert.DoesNotContain((await client.GetSnapshotAsync(Ct)).Leases, l => l.Id == declined.Id);
    }
}
