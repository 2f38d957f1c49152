namespace OrleansMesos.Abstractions.Tests;

/// <summary>
/// Dominant shares, with the example of the DRF paper (Ghodsi et al., NSDI 2011): a cluster of
/// &lt;9 CPU, 18 GB&gt;, user A's tasks need &lt;1 CPU, 4 GB&gt;, user B's &lt;3 CPU, 1 GB&gt;.
/// </summary>
public sealed class DominantShareTests
{
    private static readonly Resources Total = new(9000, 18 * Resources.GiB);
    private static readonly Resources TaskA = new(1000, 4 * Resources.GiB);
    private static readonly Resources TaskB = new(3000, 1 * Resources.GiB);

    [Fact]
    public void OneTaskOfEach_TheDominantKindsDiffer()
    {
        // A: max(1/9 cpu, 4/18 mem) = 2/9, memory-dominant. B: max(3/9 cpu, 1/18 mem) = 1/3, cpu-dominant.
        Assert.Equal(2.0 / 9, TaskA.DominantShare(Total));
        Assert.Equal(1.0 / 3, TaskB.DominantShare(Total));
    }

    [Fact]
    public void ThePapersAllocation_EqualisesTheDominantShares()
    {
        // DRF gives A three tasks <3 CPU, 12 GB> and B two tasks <6 CPU, 2 GB>: both shares are 2/3.
        var a = TaskA.Times(3);
        var b = TaskB.Times(2);

        Assert.Equal(2.0 / 3, a.DominantShare(Total));
        Assert.Equal(2.0 / 3, b.DominantShare(Total));
        Assert.True((a + b).FitsIn(Total));
    }

    [Fact]
    public void ExcludedKinds_AreNotCounted()
    {
        Assert.Equal(1.0 / 18, TaskB.DominantShare(Total, ResourceKind.Cpus));
        Assert.Equal(1.0 / 9, TaskA.DominantShare(Total, ResourceKind.Memory));
        Assert.Equal(0, TaskA.DominantShare(Total, ResourceKind.Cpus | ResourceKind.Memory));
        Assert.Equal(0, TaskA.DominantShare(Total, ResourceKind.All));
    }

    [Fact]
    public void DiskAndGpus_Count()
    {
        var total = new Resources(10, 10, 10, 4);

        Assert.Equal(0.5, new Resources(0, 0, 5, 1).DominantShare(total));
        Assert.Equal(0.75, new Resources(0, 0, 5, 3).DominantShare(total));
        Assert.Equal(0.25, new Resources(0, 0, 5, 1).DominantShare(total, ResourceKind.Disk));
    }

    [Fact]
    public void AKindTheTotalLacks_CountsAsZero()
    {
        // The cluster has no GPUs: asking for one does not make the share infinite or NaN.
        Assert.Equal(1.0 / 3, new Resources(3000, 0, 0, 1).DominantShare(Total));
        Assert.Equal(0, new Resources(0, 0, 0, 8).DominantShare(Total));
    }

    [Fact]
    public void AZeroTotal_GivesZero()
    {
        Assert.Equal(0, TaskA.DominantShare(Resources.Zero));
        Assert.Equal(0, Resources.Zero.DominantShare(Resources.Zero));
    }

    [Fact]
    public void Nothing_HasShareZero() => Assert.Equal(0, Resources.Zero.DominantShare(Total));

    [Fact]
    public void MoreThanTheTotal_IsAShareAboveOne() => Assert.Equal(2.0, Total.Times(2).DominantShare(Total));
}
