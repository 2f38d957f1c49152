using Microsoft.Extensions.DependencyInjection;

namespace OrleansMesos.Grains.Tests;

/// <summary>A node sends an update again when it is not sure it was delivered (its grain moved after a crash or a failed write).</summary>
public sealed class StatusRedeliveryTests : ClusterTestBase
{
    // Given a container whose terminal update was delivered and acknowledged, When its node delivers that update
    // again, Then the framework takes it for the duplicate it is: nothing waits for an acknowledgement again.
    [Fact]
    public async Task ALateCopyOfAnAcknowledgedTerminalUpdate_IsNotTakenForANewOne()
    {
        var (_, framework) = await AddFramework("late");
        var id = new ContainerId("c1");
        var finished = new ContainerStatus(new FrameworkId("late"), id, new NodeId("n0"), ContainerState.Finished, 0, null, DateTimeOffset.UtcNow, 4);
        await framework.StatusChanged(finished with { State = ContainerState.Staging, ExitCode = null, Sequence = 1 });
        await framework.StatusChanged(finished with { State = ContainerState.Running, ExitCode = null, Sequence = 3 });
        await framework.StatusChanged(finished);
        await framework.Acknowledge(id, 4);
        Assert.Equal(0, (await framework.GetSnapshot()).UnacknowledgedUpdates);

        await framework.StatusChanged(finished);
        await framework.StatusChanged(finished with { State = ContainerState.Running, ExitCode = null, Sequence = 3 });
        await framework.StatusChanged(finished with { State = ContainerState.Staging, ExitCode = null, Sequence = 1 });

        var snapshot = await framework.GetSnapshot();
        Assert.Equal(0, snapshot.UnacknowledgedUpdates);
        Assert.Empty(snapshot.Containers);
    }

    // Given updates a node delivered after its last write, When its health check runs, Then the stored books no
    // longer list them as undelivered: a later activation (after a crash, a move) does not send them again.
    [Fact]
    public async Task DeliveredUpdates_AreWrittenAsDelivered_ByTheNextHealthCheck()
    {
        await AddNodes(1, "cpus=4,mem=8GiB", prefix: "flush");
        var (observer, framework) = await AddFramework("flushed");
        await framework.SetDemand([Demand("cpus=1", 1)]);
        var lease = await observer.NextLease();
        await framework.Redeem(new RedeemRequest("r1", lease.Id, [Container("c1", "cpus=1")]));
        await Eventually.True(() => observer.Updates.Any(u => u.State == ContainerState.Running), "Running is delivered");

        await Cluster.Node("flush0").CheckHealth();

        var stored = new GrainState<Nodes.NodeGrainState>();
        var storage = Cluster.Cluster.Silos[0].ServiceProvider!.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(Options.OrleansMesosOptions.StorageName);
        await storage.ReadStateAsync("node", GrainId.Create("node", "flush0"), stored);
        Assert.Empty(stored.State!.Undelivered);
    }

    // Given a framework that acknowledged more finished containers than it remembers, When a node delivers a late
    // copy of the terminal update of one it forgot, Then that copy is still known for one: its container is unknown
    // and its update is not a first one.
    [Fact]
    public async Task ALateTerminalUpdate_OfAContainerLongForgotten_IsNotTakenForANewOne()
    {
        var (_, framework) = await AddFramework("forgetful");
        ContainerStatus Update(int i, ContainerState state, long sequence) =>
            new(new FrameworkId("forgetful"), new ContainerId($"c{i}"), new NodeId("n0"), state, null, null, DateTimeOffset.UtcNow, sequence);
        for (var i = 0; i <= Frameworks.FrameworkGrainState.RememberedFinished; i++)
        {
            await framework.StatusChanged(Update(i, ContainerState.Staging, 1));
            await framework.StatusChanged(Update(i, ContainerState.Finished, 2));
            await framework.Acknowledge(new ContainerId($"c{i}"), 2);
        }

        await framework.StatusChanged(Update(0, ContainerState.Finished, 2));

        Assert.Equal(0, (await framework.GetSnapshot()).UnacknowledgedUpdates);
    }
}
