namespace OrleansMesos.Abstractions.Tests;

public sealed class ResourcesParseTests
{
    private const long KiB = 1024;
    private const long MiB = Resources.MiB;
    private const long GiB = Resources.GiB;
    private const long TiB = 1024 * GiB;

    [Fact]
    public void Parse_TheDocumentedExample() =>
        Assert.Equal(new Resources(2500, 4 * GiB, 0, 1), Resources.Parse("cpus=2.5,mem=4GiB,gpus=1"));

    [Fact]
    public void Parse_EveryKey() =>
        Assert.Equal(new Resources(2500, 4 * GiB, 10 * GiB, 1), Resources.Parse("cpus=2.5,mem=4GiB,disk=10GiB,gpus=1"));

    [Fact]
    public void Parse_KeysInAnyOrder() =>
        Assert.Equal(new Resources(500, MiB, 2 * MiB, 3), Resources.Parse("gpus=3,disk=2MiB,mem=1MiB,cpus=0.5"));

    [Fact]
    public void Parse_MemoryIsAnAliasOfMem() =>
        Assert.Equal(new Resources(0, 512 * MiB), Resources.Parse("memory=512MiB"));

    [Theory]
    [InlineData("mem=512", 512 * MiB, 0)]
    [InlineData("mem=0.5", 512 * KiB, 0)]
    [InlineData("disk=1.5", 0, 1536 * KiB)]
    [InlineData("disk=1024", 0, GiB)]
    public void Parse_ABareSizeIsMiB(string text, long mem, long disk)
    {
        var r = Resources.Parse(text);

        Assert.Equal(mem, r.MemoryBytes);
        Assert.Equal(disk, r.DiskBytes);
    }

    [Theory]
    [InlineData("1B", 1)]
    [InlineData("1KB", 1_000)]
    [InlineData("1MB", 1_000_000)]
    [InlineData("1GB", 1_000_000_000)]
    [InlineData("1TB", 1_000_000_000_000)]
    [InlineData("1.5KB", 1_500)]
    [InlineData("2.5GB", 2_500_000_000)]
    public void Parse_DecimalUnits(string size, long bytes) =>
        Assert.Equal(bytes, Resources.Parse("mem=" + size).MemoryBytes);

    [Theory]
    [InlineData("1KiB", KiB)]
    [InlineData("1MiB", MiB)]
    [InlineData("1GiB", GiB)]
    [InlineData("1TiB", TiB)]
    [InlineData("1.5GiB", 1536 * MiB)]
    [InlineData("0.25KiB", 256)]
    public void Parse_BinaryUnits(string size, long bytes) =>
        Assert.Equal(bytes, Resources.Parse("disk=" + size).DiskBytes);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1000)]
    [InlineData("0.001", 1)]
    [InlineData("0.0010", 1)]
    [InlineData(".5", 500)]
    [InlineData("5.", 5000)]
    [InlineData("1.000", 1000)]
    [InlineData("64", 64_000)]
    [InlineData("4611686018427387.903", long.MaxValue / 2)]
    public void Parse_CoresToTheMillicore(string cores, long milli) =>
        Assert.Equal(milli, Resources.Parse("cpus=" + cores).MilliCpus);

    [Fact]
    public void Parse_TheLargestSizes()
    {
        Assert.Equal(4_194_303 * TiB, Resources.Parse("mem=4194303TiB").MemoryBytes);
        Assert.Equal(long.MaxValue / 2, Resources.Parse("disk=4611686018427387903B").DiskBytes);
        Assert.Equal(int.MaxValue, Resources.Parse("gpus=2147483647").Gpus);
    }

    [Theory]
    [InlineData("  cpus = 2 , mem = 4 GiB , gpus = 1  ")]
    [InlineData("\tcpus=2,\tmem=4GiB\t,gpus=1\n")]
    [InlineData("cpus=2, mem=4 GiB, gpus=1")]
    public void Parse_IgnoresWhitespaceAroundKeysValuesAndUnits(string text) =>
        Assert.Equal(new Resources(2000, 4 * GiB, 0, 1), Resources.Parse(text));

    [Theory]
    [InlineData("CPUS=2,MEM=4GIB,GPUS=1")]
    [InlineData("Cpus=2,Memory=4gib,Gpus=1")]
    [InlineData("cpus=2,mem=4096mib,gpus=1")]
    public void Parse_IsCaseInsensitive(string text) =>
        Assert.Equal(new Resources(2000, 4 * GiB, 0, 1), Resources.Parse(text));

    [Fact]
    public void Parse_UnitCaseDoesNotTurnDecimalIntoBinary()
    {
        Assert.Equal(1_000_000, Resources.Parse("mem=1mb").MemoryBytes);
        Assert.Equal(1_000, Resources.Parse("mem=1kb").MemoryBytes);
        Assert.Equal(1, Resources.Parse("mem=1b").MemoryBytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("none")]
    [InlineData("NONE")]
    [InlineData(" None ")]
    [InlineData("cpus=0,mem=0,disk=0,gpus=0")]
    public void Parse_NothingIsZero(string text) => Assert.Equal(Resources.Zero, Resources.Parse(text));

    [Fact]
    public void Parse_RejectsNull() => Assert.Throws<ArgumentNullException>(() => Resources.Parse(null!));

    [Theory]
    [InlineData("cpus=2", true, 2000)]
    [InlineData("none", true, 0)]
    [InlineData("cpus=2,cpus=3", false, 0)]
    [InlineData("cpu=2", false, 0)]
    [InlineData("cpus=0.0005", false, 0)]
    [InlineData("mem=4XB", false, 0)]
    public void TryParse_ReportsInsteadOfThrowing(string text, bool ok, long milli)
    {
        Assert.Equal(ok, Resources.TryParse(text, out var value));
        Assert.Equal(new Resources(milli, 0), value);
    }

    [Fact]
    public void TryParse_FullVector()
    {
        Assert.True(Resources.TryParse("cpus=2.5,mem=4GiB,gpus=1", out var value));
        Assert.Equal(new Resources(2500, 4 * GiB, 0, 1), value);
    }

    [Fact]
    public void TryParse_NullIsAFailure()
    {
        Assert.False(Resources.TryParse(null, out var value));
        Assert.Equal(Resources.Zero, value);
    }
}
