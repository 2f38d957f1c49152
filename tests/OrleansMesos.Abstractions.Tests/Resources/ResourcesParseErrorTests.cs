using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

/// <summary>Every way <see cref="Resources.Parse"/> refuses text, with the field and rule it names.</summary>
public sealed class ResourcesParseErrorTests
{
    private const string KeyValue = "each item must be key=value";
    private const string UnknownKey = "is not a resource: use cpus, mem, disk or gpus";
    private const string Once = "must be given once";
    private const string CpuNumber = "must be a non-negative number of cores such as 2 or 0.5";
    private const string Millicore = "must be a whole multiple of a millicore (0.001)";
    private const string Size = "must be a non-negative size such as 512MiB or 4GiB";
    private const string Unit = "unit must be one of B, KB, MB, GB, TB, KiB, MiB, GiB, TiB";
    private const string WholeBytes = "must be a whole number of bytes";
    private const string Devices = "must be a whole, non-negative number of devices";
    private const string TooLarge = "is too large";

    [Theory]
    [InlineData("cpus", "resources", KeyValue)]
    [InlineData("cpus 2", "resources", KeyValue)]
    [InlineData("=2", "resources", KeyValue)]
    [InlineData("cpus=1,", "resources", KeyValue)]
    [InlineData("cpus=1,,mem=1", "resources", KeyValue)]
    [InlineData("cpus=1;mem=1", "cpus", CpuNumber)]
    [InlineData("cpu=1", "cpu", UnknownKey)]
    [InlineData("CPU=1", "cpu", UnknownKey)]
    [InlineData("ram=1GiB", "ram", UnknownKey)]
    [InlineData("cpus=1,ports=80", "ports", UnknownKey)]
    [InlineData("cpus=1,cpus=2", "cpus", Once)]
    [InlineData("cpus=1,CPUS=1", "cpus", Once)]
    [InlineData("mem=1GiB,memory=2GiB", "mem", Once)]
    [InlineData("disk=1,disk=1", "disk", Once)]
    [InlineData("gpus=1,gpus=1", "gpus", Once)]
    [InlineData("cpus=", "cpus", CpuNumber)]
    [InlineData("cpus=two", "cpus", CpuNumber)]
    [InlineData("cpus=-1", "cpus", CpuNumber)]
    [InlineData("cpus=+1", "cpus", CpuNumber)]
    [InlineData("cpus=1e3", "cpus", CpuNumber)]
    [InlineData("cpus=1,5", "resources", KeyValue)]
    [InlineData("cpus=1 000", "cpus", CpuNumber)]
    [InlineData("cpus=0.0005", "cpus", Millicore)]
    [InlineData("cpus=1.0001", "cpus", Millicore)]
    [InlineData("mem=", "mem", Size)]
    [InlineData("mem=GiB", "mem", Size)]
    [InlineData("mem=-1", "mem", Size)]
    [InlineData("mem=-1GiB", "mem", Size)]
    [InlineData("mem=1.2.3GiB", "mem", Size)]
    [InlineData("disk=1 0MiB", "disk", Size)]
    [InlineData("mem=4XB", "mem", Unit)]
    [InlineData("mem=4k", "mem", Unit)]
    [InlineData("mem=4iB", "mem", Unit)]
    [InlineData("mem=4 Gi", "mem", Unit)]
    [InlineData("disk=abc", "disk", Unit)]
    [InlineData("mem=1.5B", "mem", WholeBytes)]
    [InlineData("mem=1.0005KB", "mem", WholeBytes)]
    [InlineData("disk=0.0000001", "disk", WholeBytes)]
    [InlineData("gpus=", "gpus", Devices)]
    [InlineData("gpus=1.5", "gpus", Devices)]
    [InlineData("gpus=1.0", "gpus", Devices)]
    [InlineData("gpus=-1", "gpus", Devices)]
    [InlineData("gpus=one", "gpus", Devices)]
    [InlineData("gpus=2147483648", "gpus", Devices)]
    [InlineData("cpus=4611686018427388", "cpus", TooLarge)]
    [InlineData("cpus=4611686018427387.904", "cpus", TooLarge)]
    [InlineData("mem=4194304TiB", "mem", TooLarge)]
    [InlineData("disk=4611686018427387904B", "disk", TooLarge)]
    [InlineData("mem=99999999999999999999TiB", "mem", TooLarge)]
    public void Parse_NamesTheFieldAndTheRule(string text, string field, string rule)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Resources.Parse(text));

        Assert.Equal(field, ex.Field);
        Assert.Equal(rule, ex.Rule);
        Assert.False(Resources.TryParse(text, out _));
    }

    // 1e26 cores fits in a decimal but 1e29 millicores does not: the multiplication itself used to throw
    // a bare OverflowException, out of Parse and out of TryParse too.
    [Theory]
    [InlineData("cpus=100000000000000000000000000")]
    [InlineData("cpus=79228162514264337593543950335")]
    public void Parse_CoresBeyondTheDecimalRangeOnceInMillicores_AreTooLarge(string text)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Resources.Parse(text));

        Assert.Equal("cpus", ex.Field);
        Assert.Equal(TooLarge, ex.Rule);
        Assert.False(Resources.TryParse(text, out var value));
        Assert.Equal(Resources.Zero, value);
    }

    [Theory]
    [InlineData("cpus", "resources: each item must be key=value (cpus)")]
    [InlineData("cpus=1, gpus ", "resources: each item must be key=value (gpus)")]
    [InlineData("cpus=1, =5", "resources: each item must be key=value (=5)")]
    [InlineData("cpu=1", "cpu: is not a resource: use cpus, mem, disk or gpus")]
    [InlineData("mem=1,memory=1", "mem: must be given once")]
    [InlineData("cpus=0.0005", "cpus: must be a whole multiple of a millicore (0.001) (0.0005)")]
    [InlineData("cpus= x ", "cpus: must be a non-negative number of cores such as 2 or 0.5 (x)")]
    [InlineData("mem=4XB", "mem: unit must be one of B, KB, MB, GB, TB, KiB, MiB, GiB, TiB (XB)")]
    [InlineData("disk=-1GiB", "disk: must be a non-negative size such as 512MiB or 4GiB (-1GiB)")]
    [InlineData("mem=1.5B", "mem: must be a whole number of bytes (1.5B)")]
    [InlineData("gpus=0.5", "gpus: must be a whole, non-negative number of devices (0.5)")]
    [InlineData("mem=4194304TiB", "mem: is too large (4194304TiB)")]
    public void Parse_MessageQuotesTheOffendingText(string text, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidFieldException>(() => Resources.Parse(text)).Message);

    [Fact]
    public void Parse_StopsAtTheFirstError() =>
        Assert.Equal("cpus", Assert.Throws<InvalidFieldException>(() => Resources.Parse("cpus=x,gpus=x")).Field);
}
