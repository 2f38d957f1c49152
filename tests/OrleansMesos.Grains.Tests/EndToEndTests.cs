namespace OrleansMesos.Grains.Tests;

public sealed class EndToEndTests : ClusterTestBase
{
    // Given two nodes and a framework that wants 2 tasks, When it redeems the leases it receives and the
    // containers run and finish, Then every status reaches it in order and the resources come back.
    [Fact]
    public async Task LeasesArrive_RedemptionLaunches_CompletionReturnsResources()
    {
        var agent = await AddNodes(2, "cpus=4,mem=8GiB");
        var (observer, framework) = await AddFramework("batch");
        await framework.SetDemand([Demand("cpus=1,mem=1GiB", 2)]);

        var leases = new List<Lease> { await observer.NextLease() };
        if (leases[0].Tasks < 2)
        {
            leases.Add(await observer.NextLease());
        }

        Assert.Equal(2, leases.Sum(l => l.Tasks));

        // Partitions may overshoot demand for a moment; the framework grain hands the surplus straight back.
        await Eventually.True(async () => await ClusterAllocated() == R("cpus=2,mem=2GiB"), "only the leased tasks stay allocated");

        var launched = 0;
        foreach (var lease in leases)
        {
            var containers = Enumerable.Range(0, lease.Tasks).Select(_ => Container($"c{launched++}", "cpus=1,mem=1GiB")).ToArray();
            var result = await framework.Redeem(new RedeemRequest($"r-{lease.Id}", lease.Id, containers));
            Assert.Equal(lease.Node, result.Node);
            Assert.Equal(Resources.Zero, result.Returned);
        }

        // Launches reach the agent as one-way calls.
        await Eventually.True(() => agent.Launches.Count == 2, "the agent is asked to launch both containers");
        await Eventually.True(() => Distinct(observer, ContainerState.Running) == 2, "both containers run");
        var node = agent.Launches.First().Node;
        var snapshot = await Cluster.Node(node.Value).GetSnapshot();
        Assert.All(snapshot.Containers, c => Assert.Equal(ContainerState.Running, c.State));

        foreach (var launch in agent.Launches)
        {
            await Cluster.Node(launch.Node.Value).Report(new AgentReport(launch.Framework, launch.Spec.Id, ContainerState.Finished, 0, null));
        }

        await Eventually.True(() => Distinct(observer, ContainerState.Finished) == 2, "both containers finish");
        foreach (var byContainer in observer.Applied.GroupBy(u => u.Container))
        {
            Assert.Equal([ContainerState.Staging, ContainerState.Running, ContainerState.Finished], byContainer.Select(u => u.State));
            Assert.Equal([1L, 2L, 3L], byContainer.Select(u => u.Sequence));
        }

        await Eventually.True(async () => (await ClusterAllocated()).IsZero, "the resources return to the pool");
        var final = await Cluster.Node(node.Value).GetSnapshot();
        Assert.Equal(Resources.Zero, final.Committed);
    }

    // Updates are sent again until acknowledged, so count containers, not updates.
    private static int Distinct(FakeFramework observer, ContainerState state) =>
        observer.Updates.Where(u => u.State == state).Select(u => u.Container).Distinct().Count();

    [Fact]
    public async Task UnacknowledgedUpdates_AreSentAgain_UntilAcknowledged()
    {
        await AddNodes(1, "cpus=4,mem=8GiB");
        var (observer, framework) = await AddFramework("acks");
        await framework.SetDemand([Demand("cpus=1", 1)]);
        var lease = await observer.NextLease();
        await framework.Redeem(new RedeemRequest("r1", lease.Id, [Container("c1", "cpus=1")]));

        await Eventually.True(() => observer.Updates.Count(u => u.State == ContainerState.Running) >= 2, "the Running update is sent again");
        Assert.Equal(2, (await framework.GetSnapshot()).UnacknowledgedUpdates);

        await framework.Acknowledge(new ContainerId("c1"), 2);
        Assert.Equal(0, (await framework.GetSnapshot()).UnacknowledgedUpdates);
    }
}
