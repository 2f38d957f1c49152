using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

public sealed class ResourcesConstructionTests
{
    [Fact]
    public void Constructor_KeepsEveryComponent()
    {
        var r = new Resources(2500, 4 * Resources.GiB, 10 * Resources.GiB, 3);

        Assert.Equal(2500, r.MilliCpus);
        Assert.Equal(4_294_967_296, r.MemoryBytes);
        Assert.Equal(10_737_418_240, r.DiskBytes);
        Assert.Equal(3, r.Gpus);
        Assert.Equal(2.5, r.Cpus);
        Assert.False(r.IsZero);
    }

    [Fact]
    public void Constructor_DefaultsDiskAndGpusToZero()
    {
        var r = new Resources(1000, Resources.MiB);

        Assert.Equal(0, r.DiskBytes);
        Assert.Equal(0, r.Gpus);
    }

    [Fact]
    public void Constants_AreTheUnitsTheyName()
    {
        Assert.Equal(1000, Resources.MilliCpusPerCore);
        Assert.Equal(1_048_576, Resources.MiB);
        Assert.Equal(1_073_741_824, Resources.GiB);
    }

    [Fact]
    public void Zero_IsTheDefaultAndAllZeros()
    {
        Assert.Equal(default, Resources.Zero);
        Assert.Equal(new Resources(0, 0, 0, 0), Resources.Zero);
        Assert.True(Resources.Zero.IsZero);
        Assert.True(default(Resources).IsZero);
    }

    [Theory]
    [InlineData(1, 0, 0, 0)]
    [InlineData(0, 1, 0, 0)]
    [InlineData(0, 0, 1, 0)]
    [InlineData(0, 0, 0, 1)]
    public void IsZero_IsFalseWhenAnyOneComponentIsSet(long milli, long mem, long disk, int gpus) =>
        Assert.False(new Resources(milli, mem, disk, gpus).IsZero);

    [Fact]
    public void Constructor_AcceptsTheLargestValues()
    {
        var r = new Resources(long.MaxValue, long.MaxValue, long.MaxValue, int.MaxValue);

        Assert.Equal(long.MaxValue, r.MilliCpus);
        Assert.Equal(int.MaxValue, r.Gpus);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, "cpus", "-1")]
    [InlineData(0, -5, 0, 0, "mem", "-5")]
    [InlineData(0, 0, long.MinValue, 0, "disk", "-9223372036854775808")]
    [InlineData(0, 0, 0, -2, "gpus", "-2")]
    [InlineData(-1, -1, -1, -1, "cpus", "-1")]
    public void Constructor_RejectsANegativeComponent(long milli, long mem, long disk, int gpus, string field, string detail)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => new Resources(milli, mem, disk, gpus));

        Assert.Equal(field, ex.Field);
        Assert.Equal("must not be negative", ex.Rule);
        Assert.Equal($"{field}: must not be negative ({detail})", ex.Message);
    }

    [Fact]
    public void Equality_ComparesEveryComponent()
    {
        var a = new Resources(1000, 2, 3, 4);

        Assert.Equal(new Resources(1000, 2, 3, 4), a);
        Assert.True(a == new Resources(1000, 2, 3, 4));
        Assert.Equal(a.GetHashCode(), new Resources(1000, 2, 3, 4).GetHashCode());
        Assert.NotEqual(new Resources(1001, 2, 3, 4), a);
        Assert.NotEqual(new Resources(1000, 3, 3, 4), a);
        Assert.NotEqual(new Resources(1000, 2, 4, 4), a);
        Assert.NotEqual(new Resources(1000, 2, 3, 5), a);
    }
}
