using OrleansMesos.Client.Tests.Cluster;
using OrleansMesos.Errors;

namespace OrleansMesos.Client.Tests;

public sealed class RedemptionTests(ClientCluster cluster) : ClientTestBase(cluster)
{
    private static readonly ContainerState[] Lifecycle =
        [ContainerState.Staging, ContainerState.Starting, ContainerState.Running, ContainerState.Finished];

    // Given a redeemed lease whose container starts, runs and finishes, When the grain sends the updates again
    // until they are acknowledged, Then each arrives once, in order, and after the acknowledgement of the last
    // nothing is outstanding and the node's resources are free again.
    [Fact]
    public async Task ARedeemedContainer_StatusesArriveOnceInOrder_AndAcknowledgedItIsForgotten()
    {
        var (agent, nodes) = await AddNodes(1, "cpus=4,mem=8GiB");
        var client = await Connect();
        await client.SetDemandAsync([Demand("cpus=1,mem=1GiB", 1)], Ct);
        var lease = Assert.Single(await Take(client.ReadLeasesAsync(Ct), 1, "a lease"));

        var result = await client.RedeemAsync(lease, [Container("c1", "cpus=1,mem=1GiB")], cancellationToken: Ct);

        Assert.Equal([new ContainerId("c1")], result.Launched);
        Assert.Equal(lease.Node, result.Node);
        Assert.Equal(Resources.Zero, result.Returned);
        var launch = Assert.Single(agent.Launches);
        var updates = await Take(client.ReadStatusUpdatesAsync(Ct), 3, "Staging, Starting, Running");

        // Unacknowledged, they come again every redelivery interval; none is read twice.
        var received = client.StatusInbox.Received;
        await Eventually.True(() => client.StatusInbox.Received >= received + 3, "the updates are sent again");
        Assert.Equal(0, client.StatusInbox.Queued);

        await Cluster.Node(launch.Node).Report(new AgentReport(client.Id, launch.Spec.Id, ContainerState.Finished, 0, null));
        updates.AddRange(await Take(client.ReadStatusUpdatesAsync(Ct), 1, "Finished"));
        Assert.Equal(Lifecycle, updates.Select(u => u.State));
        Assert.Equal([1L, 2L, 3L, 4L], updates.Select(u => u.Sequence));
        Assert.All(updates, u => Assert.Equal(new ContainerId("c1"), u.Container));
        Assert.Equal(0, updates[^1].Status.ExitCode);

        await updates[^1].AcknowledgeAsync(Ct);

        var snapshot = await client.GetSnapshotAsync(Ct);
        Assert.Equal(0, snapshot.UnacknowledgedUpdates);
        Assert.Empty(snapshot.Containers);
        await Eventually.True(async () => (await Committed(nodes)).IsZero, "the node's resources are free again");
    }

    // Given a redemption whose answer is lost after the grain carried it out, When the client retries it under
    // the same request id, and the caller later repeats it with that id, Then the container launched once and
    // every answer is the first result.
    [Fact]
    public async Task ARedemptionRetriedWithTheSameRequestId_LaunchesOnce()
    {
        var (agent, _) = await AddNodes(1, "cpus=4,mem=8GiB");
        var grain = Intercept();
        var client = await Connect(Options(), grain);
        await client.SetDemandAsync([Demand("cpus=1", 1)], Ct);
        var lease = Assert.Single(await Take(client.ReadLeasesAsync(Ct), 1, "a lease"));
        grain.LoseNextRedeemAnswer = true;

        var first = await client.RedeemAsync(lease, [Container("c1", "cpus=1")], cancellationToken: Ct);

        var tries = grain.Redemptions.ToArray();
        Assert.Equal(2, tries.Length);
        Assert.Equal(tries[0].RequestId, tries[1].RequestId);
        var again = await client.RedeemAsync(lease, [Container("c1", "cpus=1")], tries[0].RequestId, Ct);
        Assert.Equal(first.Launched, again.Launched);
        Assert.Equal(first.Lease, again.Lease);
        Assert.Single(agent.Launches);
    }

    // Given a lease of framework A, When framework B redeems it, Then B gets ForbiddenException after one try.
    [Fact]
    public async Task RedeemingAnotherFrameworksLease_IsForbidden_AndNotRetried()
    {
        var (agent, _) = await AddNodes(1, "cpus=4,mem=8GiB");
        var owner = await Connect("a");
        await owner.SetDemandAsync([Demand("cpus=1", 1)], Ct);
        var lease = Assert.Single(await Take(owner.ReadLeasesAsync(Ct), 1, "a lease"));
        var grain = Intercept("b");
        var thief = await Connect(Options("b"), grain);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => thief.RedeemAsync(lease, [Container("c1", "cpus=1")], cancellationToken: Ct));

        Assert.Equal("lease", error.Kind);
        Assert.Single(grain.Redemptions);
        Assert.Empty(agent.Launches);
        Assert.Contains((await owner.GetSnapshotAsync(Ct)).Leases, l => l.Id == lease.Id);
    }

    // Given a running container, When the framework kills it, Then the agent is told and the Killed update follows.
    [Fact]
    public async Task Kill_StopsTheContainer_AndItsKilledUpdateFollows()
    {
        var (agent, _) = await AddNodes(1, "cpus=4,mem=8GiB");
        var client = await Connect();
        await client.SetDemandAsync([Demand("cpus=1", 1)], Ct);
        var lease = Assert.Single(await Take(client.ReadLeasesAsync(Ct), 1, "a lease"));
        await client.RedeemAsync(lease, [Container("c1", "cpus=1")], cancellationToken: Ct);
        await Take(client.ReadStatusUpdatesAsync(Ct), 3, "Staging, Starting, Running");

        await client.KillAsync(new ContainerId("c1"), Ct);

        var killed = Assert.Single(await Take(client.ReadStatusUpdatesAsync(Ct), 1, "Killed"));
        Assert.Equal(ContainerState.Killed, killed.State);
        Assert.Equal(4, killed.Sequence);
        Assert.Equal([new ContainerId("c1")], agent.Kills);
        await Assert.ThrowsAsync<UnknownEntityException>(() => client.KillAsync(new ContainerId("nope"), Ct));
    }
}
