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
        await framework.StatusChanged(finished with { State = ContainerState.Running, ExitCode = null, Sequence = 3 });
        await framework.StatusChanged(finished);
        await framework.Acknowledge(id, 4);
        Assert.Equal(0, (await framework.GetSnapshot()).UnacknowledgedUpdates);

        await framework.StatusChanged(finished);
        await framework.StatusChanged(finished with { State = ContainerState.Running, ExitCode = null, Sequence = 3 });

        var snapshot = await framework.GetSnapshot();
        Assert.Equal(0, snapshot.UnacknowledgedUpdates);
        Assert.Empty(snapshot.Containers);
    }
}
