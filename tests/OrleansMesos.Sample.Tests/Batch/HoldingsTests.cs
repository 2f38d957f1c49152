namespace OrleansMesos.Sample.Tests.Batch;

/// <summary>The framework's holdings as its snapshot shows them, and their peak.</summary>
public sealed class HoldingsTests
{
    [Fact]
    public void Holdings_AreTheUnredeemedLeasesAndTheContainersNotEnded()
    {
        var holdings = new Holdings(Statuses.Task);
        var snapshot = Snapshot(
            [Statuses.Lease(2)],
            Statuses.Of(new ContainerId("a"), ContainerState.Running, 3),
            Statuses.Of(new ContainerId("b"), ContainerState.Staging, 1),
            Statuses.Of(new ContainerId("c"), ContainerState.Finished, 4));

        // Two tasks leased, two containers live; the finished one (not yet acknowledged) holds nothing.
        Assert.Equal(Resources.Parse("cpus=2,mem=512MiB"), holdings.Of(snapshot));
    }

    [Fact]
    public void ThePeak_IsTheLargestHoldingObserved()
    {
        var holdings = new Holdings(Statuses.Task);

        holdings.Observe(Snapshot([Statuses.Lease(3)]));
        holdings.Observe(Snapshot([], Statuses.Of(new ContainerId("a"), ContainerState.Running, 3)));
        holdings.Observe(Snapshot([]));

        Assert.Equal(Resources.Parse("cpus=1.5,mem=384MiB"), holdings.Peak);
    }

    private static FrameworkSnapshot Snapshot(Lease[] leases, params ContainerStatus[] containers) =>
        new(null, true, [], leases, containers, 0, null);
}
