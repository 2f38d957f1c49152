namespace OrleansMesos.Abstractions.Tests;

public sealed class ResourcesFormatTests
{
    private const long MiB = Resources.MiB;
    private const long GiB = Resources.GiB;

    [Fact]
    public void ToString_ZeroIsNone()
    {
        Assert.Equal("none", Resources.Zero.ToString());
        Assert.Equal("none", default(Resources).ToString());
    }

    [Fact]
    public void ToString_TheDocumentedExample() =>
        Assert.Equal("cpus=2.5,mem=4GiB,gpus=1", new Resources(2500, 4 * GiB, 0, 1).ToString());

    [Fact]
    public void ToString_EveryKeyInAFixedOrder() =>
        Assert.Equal("cpus=2.5,mem=4GiB,disk=10GiB,gpus=1", new Resources(2500, 4 * GiB, 10 * GiB, 1).ToString());

    [Theory]
    [InlineData(1000, 0, 0, 0, "cpus=1")]
    [InlineData(0, MiB, 0, 0, "mem=1MiB")]
    [InlineData(0, 0, GiB, 0, "disk=1GiB")]
    [InlineData(0, 0, 0, 2, "gpus=2")]
    [InlineData(0, 0, 5, 1, "disk=5B,gpus=1")]
    [InlineData(250, 0, 0, 8, "cpus=0.25,gpus=8")]
    public void ToString_LeavesZerosOut(long milli, long mem, long disk, int gpus, string expected) =>
        Assert.Equal(expected, new Resources(milli, mem, disk, gpus).ToString());

    [Theory]
    [InlineData(1, "cpus=0.001")]
    [InlineData(10, "cpus=0.01")]
    [InlineData(100, "cpus=0.1")]
    [InlineData(1500, "cpus=1.5")]
    [InlineData(1001, "cpus=1.001")]
    [InlineData(64_000, "cpus=64")]
    [InlineData(long.MaxValue, "cpus=9223372036854775.807")]
    public void ToString_CoresWithoutTrailingZeros(long milli, string expected) =>
        Assert.Equal(expected, new Resources(milli, 0).ToString());

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1, "1B")]
    [InlineData(1000, "1000B")]
    [InlineData(1023, "1023B")]
    [InlineData(1024, "1KiB")]
    [InlineData(1536, "1536B")]
    [InlineData(3 * 1024, "3KiB")]
    [InlineData(1_000_000_000, "1000000000B")]
    [InlineData(MiB, "1MiB")]
    [InlineData(1536 * MiB, "1536MiB")]
    [InlineData(2 * GiB, "2GiB")]
    [InlineData(GiB + 1, "1073741825B")]
    [InlineData(GiB + 1024, "1048577KiB")]
    [InlineData(1024 * GiB, "1TiB")]
    [InlineData(1536 * 1024 * GiB, "1536TiB")]
    [InlineData(long.MaxValue, "9223372036854775807B")]
    public void FormatBytes_UsesTheLargestBinaryUnitThatDividesExactly(long bytes, string expected) =>
        Assert.Equal(expected, Resources.FormatBytes(bytes));

    [Fact]
    public void ToString_UsesFormatBytesForMemAndDisk() =>
        Assert.Equal("mem=1536MiB,disk=2GiB", new Resources(0, 1536 * MiB, 2 * GiB).ToString());

    [Fact]
    public void Formatting_IgnoresFormatAndProvider()
    {
        var r = new Resources(2500, 4 * GiB, 0, 1);

        Assert.Equal("cpus=2.5,mem=4GiB,gpus=1", r.ToString("G", null));
        Assert.Equal("[cpus=2.5,mem=4GiB,gpus=1]", $"[{r}]");
        Assert.Equal("[none]", $"[{Resources.Zero}]");
    }

    [Fact]
    public void TryFormat_WritesWhenThereIsRoom()
    {
        Span<char> buffer = stackalloc char[32];

        Assert.True(new Resources(2500, 4 * GiB).TryFormat(buffer, out var written, default, null));
        Assert.Equal("cpus=2.5,mem=4GiB", buffer[..written].ToString());
    }

    [Fact]
    public void TryFormat_ExactFit()
    {
        Span<char> buffer = stackalloc char[4];

        Assert.True(Resources.Zero.TryFormat(buffer, out var written, default, null));
        Assert.Equal(4, written);
        Assert.Equal("none", buffer.ToString());
    }

    [Fact]
    public void TryFormat_FailsWithoutWritingWhenTooShort()
    {
        Span<char> buffer = stackalloc char[3];

        Assert.False(Resources.Zero.TryFormat(buffer, out var written, default, null));
        Assert.Equal(0, written);
    }
}
