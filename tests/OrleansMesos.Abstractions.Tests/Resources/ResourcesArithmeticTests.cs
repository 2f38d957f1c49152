namespace OrleansMesos.Abstractions.Tests;

public sealed class ResourcesArithmeticTests
{
    private static readonly Resources Small = new(1000, 5, 7, 0);
    private static readonly Resources Other = new(2000, 3, 9, 4);

    [Fact]
    public void Plus_AddsComponentWise() =>
        Assert.Equal(new Resources(1500, 3 * Resources.MiB, 3, 3), new Resources(1000, 2 * Resources.MiB, 3, 1) + new Resources(500, Resources.MiB, 0, 2));

    [Fact]
    public void Plus_ZeroIsTheIdentity() => Assert.Equal(Other, Other + Resources.Zero);

    [Theory]
    [InlineData(long.MaxValue, 0, 0, 0)]
    [InlineData(0, long.MaxValue, 0, 0)]
    [InlineData(0, 0, long.MaxValue, 0)]
    [InlineData(0, 0, 0, int.MaxValue)]
    public void Plus_ThrowsOnOverflowInAnyComponent(long milli, long mem, long disk, int gpus)
    {
        var big = new Resources(milli, mem, disk, gpus);

        Assert.Throws<OverflowException>(() => big + new Resources(1, 1, 1, 1));
    }

    [Fact]
    public void Minus_SubtractsComponentWise() =>
        Assert.Equal(new Resources(500, Resources.MiB, 3, 0), new Resources(1500, 3 * Resources.MiB, 3, 3) - new Resources(1000, 2 * Resources.MiB, 0, 3));

    [Fact]
    public void Minus_ItselfIsZero() => Assert.Equal(Resources.Zero, Other - Other);

    [Theory]
    [InlineData(1001, 0, 0, 0)]
    [InlineData(0, 6, 0, 0)]
    [InlineData(0, 0, 8, 0)]
    [InlineData(0, 0, 0, 1)]
    public void Minus_ThrowsWhenAnyComponentWouldGoNegative(long milli, long mem, long disk, int gpus) =>
        Assert.Throws<InvalidOperationException>(() => Small - new Resources(milli, mem, disk, gpus));

    [Fact]
    public void Minus_NamesBothSidesInTheMessage()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new Resources(1000, Resources.MiB) - new Resources(2000, 0));

        Assert.Equal("cannot subtract cpus=2 from cpus=1,mem=1MiB: the result would be negative", ex.Message);
    }

    [Fact]
    public void Times_MultipliesEveryComponent()
    {
        Assert.Equal(new Resources(1000, 400, 40, 4), new Resources(250, 100, 10, 1).Times(4));
        Assert.Equal(Resources.Zero, Other.Times(0));
        Assert.Equal(Other, Other.Times(1));
    }

    [Fact]
    public void Times_RejectsANegativeCount()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Other.Times(-1));

        Assert.Equal("count", ex.ParamName);
    }

    [Theory]
    [InlineData((long.MaxValue / 2) + 1, 0, 0, 0)]
    [InlineData(0, (long.MaxValue / 2) + 1, 0, 0)]
    [InlineData(0, 0, (long.MaxValue / 2) + 1, 0)]
    [InlineData(0, 0, 0, (int.MaxValue / 2) + 1)]
    public void Times_ThrowsOnOverflowInAnyComponent(long milli, long mem, long disk, int gpus) =>
        Assert.Throws<OverflowException>(() => new Resources(milli, mem, disk, gpus).Times(2));

    [Fact]
    public void Times_UpToTheEdgeDoesNotOverflow() =>
        Assert.Equal(new Resources(long.MaxValue - 1, 0, 0, int.MaxValue - 1), new Resources(long.MaxValue / 2, 0, 0, int.MaxValue / 2).Times(2));

    [Fact]
    public void FitsIn_IsTrueForEqualAndSmaller()
    {
        Assert.True(Other.FitsIn(Other));
        Assert.True(Resources.Zero.FitsIn(Resources.Zero));
        Assert.True(Resources.Zero.FitsIn(Small));
        Assert.True(new Resources(999, 5, 7, 0).FitsIn(Small));
    }

    [Theory]
    [InlineData(1001, 5, 7, 0)]
    [InlineData(1000, 6, 7, 0)]
    [InlineData(1000, 5, 8, 0)]
    [InlineData(1000, 5, 7, 1)]
    public void FitsIn_IsFalseWhenAnyOneComponentIsLarger(long milli, long mem, long disk, int gpus) =>
        Assert.False(new Resources(milli, mem, disk, gpus).FitsIn(Small));

    [Fact]
    public void FitsIn_NeitherWayForVectorsLargerInDifferentKinds()
    {
        Assert.False(Small.FitsIn(Other));
        Assert.False(Other.FitsIn(Small));
    }

    [Fact]
    public void Min_TakesTheSmallerOfEachComponent()
    {
        Assert.Equal(new Resources(1000, 3, 7, 0), Resources.Min(Small, Other));
        Assert.Equal(new Resources(1000, 3, 7, 0), Resources.Min(Other, Small));
    }

    [Fact]
    public void SaturatingSubtract_StopsEachComponentAtZero()
    {
        Assert.Equal(new Resources(0, 2, 0, 0), Resources.SaturatingSubtract(Small, Other));
        Assert.Equal(new Resources(1000, 0, 2, 4), Resources.SaturatingSubtract(Other, Small));
        Assert.Equal(Resources.Zero, Resources.SaturatingSubtract(Small, Small));
        Assert.Equal(Small, Resources.SaturatingSubtract(Small, Resources.Zero));
    }

    [Theory]
    [InlineData(0, 0, 0, 0, ResourceKind.None)]
    [InlineData(1, 0, 0, 0, ResourceKind.Cpus)]
    [InlineData(0, 1, 0, 0, ResourceKind.Memory)]
    [InlineData(0, 0, 1, 0, ResourceKind.Disk)]
    [InlineData(0, 0, 0, 1, ResourceKind.Gpus)]
    [InlineData(0, 1, 1, 0, ResourceKind.Memory | ResourceKind.Disk)]
    [InlineData(5, 5, 5, 5, ResourceKind.All)]
    public void NonZeroKinds_FlagsEachKindThatIsPresent(long milli, long mem, long disk, int gpus, ResourceKind expected) =>
        Assert.Equal(expected, new Resources(milli, mem, disk, gpus).NonZeroKinds);

    [Fact]
    public void Indexer_ReturnsTheComponentInBaseUnits()
    {
        var r = new Resources(2500, 3 * Resources.GiB, 7, 2);

        Assert.Equal(2500, r[ResourceKind.Cpus]);
        Assert.Equal(3_221_225_472, r[ResourceKind.Memory]);
        Assert.Equal(7, r[ResourceKind.Disk]);
        Assert.Equal(2, r[ResourceKind.Gpus]);
    }

    [Theory]
    [InlineData(ResourceKind.None)]
    [InlineData(ResourceKind.All)]
    [InlineData(ResourceKind.Cpus | ResourceKind.Memory)]
    [InlineData((ResourceKind)16)]
    public void Indexer_RejectsAnythingButOneSingleKind(ResourceKind kind)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Other[kind]);

        Assert.Equal("kind", ex.ParamName);
        Assert.Equal(kind, ex.ActualValue);
    }

    [Fact]
    public void ResourceKind_AllIsEveryKind() =>
        Assert.Equal(ResourceKind.Cpus | ResourceKind.Memory | ResourceKind.Disk | ResourceKind.Gpus, ResourceKind.All);
}
