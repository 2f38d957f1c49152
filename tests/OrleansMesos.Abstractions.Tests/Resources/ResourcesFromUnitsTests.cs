using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

public sealed class ResourcesFromUnitsTests
{
    private const string MilliRule = "must be a whole multiple of a millicore (0.001)";
    private const string ByteRule = "must be a whole multiple of one byte";

    [Fact]
    public void FromUnits_ConvertsCoresMiBAndGpus()
    {
        var r = Resources.FromUnits(cpus: 2.5, memMiB: 1024, diskMiB: 10240, gpus: 1);

        Assert.Equal(new Resources(2500, Resources.GiB, 10 * Resources.GiB, 1), r);
    }

    [Fact]
    public void FromUnits_WithNothingIsZero() => Assert.Equal(Resources.Zero, Resources.FromUnits());

    [Theory]
    [InlineData(0.001, 1)]
    [InlineData(0.1, 100)]
    [InlineData(0.3, 300)]
    [InlineData(1.005, 1005)] // 1.005 * 1000 is 1004.9999999999999 in doubles
    [InlineData(1.001, 1001)] // and 1.001 * 1000 is 1000.9999999999999
    [InlineData(123456.789, 123_456_789)]
    public void FromUnits_AcceptsCoresWrittenToTheMillicore(double cpus, long milli) =>
        Assert.Equal(milli, Resources.FromUnits(cpus: cpus).MilliCpus);

    [Fact]
    public void FromUnits_AcceptsSizesWrittenToTheByte()
    {
        Assert.Equal(524_288, Resources.FromUnits(memMiB: 0.5).MemoryBytes);
        Assert.Equal(1, Resources.FromUnits(memMiB: 1.0 / Resources.MiB).MemoryBytes);
        Assert.Equal(1_048_577, Resources.FromUnits(diskMiB: 1 + (1.0 / Resources.MiB)).DiskBytes);
    }

    [Theory]
    [InlineData(double.NaN, 0, 0, "cpus")]
    [InlineData(double.PositiveInfinity, 0, 0, "cpus")]
    [InlineData(0, double.NegativeInfinity, 0, "memMiB")]
    [InlineData(0, double.NaN, 0, "memMiB")]
    [InlineData(0, 0, double.PositiveInfinity, "diskMiB")]
    public void FromUnits_RejectsANonFiniteValue(double cpus, double memMiB, double diskMiB, string field)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Resources.FromUnits(cpus, memMiB, diskMiB));

        Assert.Equal(field, ex.Field);
        Assert.Equal("must be a finite number", ex.Rule);
        Assert.Equal($"{field}: must be a finite number", ex.Message);
    }

    [Theory]
    [InlineData(-0.001, 0, 0, 0, "cpus", "-0.001")]
    [InlineData(0, -1, 0, 0, "memMiB", "-1")]
    [InlineData(0, 0, -0.5, 0, "diskMiB", "-0.5")]
    [InlineData(0, 0, 0, -1, "gpus", "-1")]
    public void FromUnits_RejectsANegativeValue(double cpus, double memMiB, double diskMiB, int gpus, string field, string detail)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Resources.FromUnits(cpus, memMiB, diskMiB, gpus));

        Assert.Equal(field, ex.Field);
        Assert.Equal("must not be negative", ex.Rule);
        Assert.Equal($"{field}: must not be negative ({detail})", ex.Message);
    }

    [Fact]
    public void FromUnits_RejectsHalfAMillicore()
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Resources.FromUnits(cpus: 0.0005));

        Assert.Equal("cpus", ex.Field);
        Assert.Equal(MilliRule, ex.Rule);
        Assert.Equal("cpus: must be a whole multiple of a millicore (0.001) (0.0005)", ex.Message);
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0, 0.5)]
    public void FromUnits_RejectsHalfAByte(double memBytes, double diskBytes)
    {
        var field = memBytes > 0 ? "memMiB" : "diskMiB";

        var ex = Assert.Throws<InvalidFieldException>(() =>
            Resources.FromUnits(memMiB: memBytes / Resources.MiB, diskMiB: diskBytes / Resources.MiB));

        Assert.Equal(field, ex.Field);
        Assert.Equal(ByteRule, ex.Rule);
    }

    // A relative tolerance of one millionth used to wave these through once the amount reached
    // half a million units: 1000.0005 cores became 1000 and 1.0000001 MiB became exactly 1 MiB.
    [Theory]
    [InlineData(1000.0005, 0, "cpus", MilliRule)]
    [InlineData(1_000_000.0004, 0, "cpus", MilliRule)]
    [InlineData(0, 1.0000001, "memMiB", ByteRule)]
    [InlineData(0, 4096.25 / Resources.MiB + 4096, "memMiB", ByteRule)]
    public void FromUnits_RejectsAFractionOfAUnitOnALargeAmount(double cpus, double memMiB, string field, string rule)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Resources.FromUnits(cpus: cpus, memMiB: memMiB));

        Assert.Equal(field, ex.Field);
        Assert.Equal(rule, ex.Rule);
    }

    [Theory]
    [InlineData(5e15, 0, "cpus")]
    [InlineData(0, 5e12, "memMiB")]
    [InlineData(double.MaxValue, 0, "cpus")]
    public void FromUnits_RejectsAnAmountBeyondHalfTheLongRange(double cpus, double memMiB, string field)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Resources.FromUnits(cpus: cpus, memMiB: memMiB));

        Assert.Equal(field, ex.Field);
        Assert.Equal("is too large", ex.Rule);
    }

    [Fact]
    public void FromUnits_AcceptsTheLargestWholeMiBUnderHalfTheLongRange()
    {
        // 2^42 - 1 MiB is 2^62 - 2^20 bytes, just under long.MaxValue / 2 = 2^62 - 1.
        var r = Resources.FromUnits(memMiB: 4_398_046_511_103);

        Assert.Equal(4_611_686_018_426_339_328, r.MemoryBytes);
    }
}
