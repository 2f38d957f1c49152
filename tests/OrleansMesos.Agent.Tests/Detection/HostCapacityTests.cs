using OrleansMesos.Agent.Detection;
using OrleansMesos.Errors;

namespace OrleansMesos.Agent.Tests.Detection;

public sealed class HostCapacityTests
{
    private static readonly Resources Host = Resources.Parse("cpus=16,mem=128GiB,disk=1TiB,gpus=1");

    [Fact]
    public void OffersWhatIsLeftAfterTheReservation() =>
        Assert.Equal(
            Resources.Parse("cpus=15,mem=124GiB,disk=1000GiB,gpus=1"),
            HostCapacity.Offered(Host, Resources.Parse("cpus=1,mem=4GiB,disk=24GiB")));

    [Fact]
    public void ReservingAllOfAKindLeavesZero() =>
        Assert.Equal(Resources.Parse("mem=128GiB,disk=1TiB,gpus=1"), HostCapacity.Offered(Host, Resources.Parse("cpus=16")));

    [Theory]
    [InlineData("cpus=16.001", "Reserved.cpus", "16.001 cores reserved, 16 cores available")]
    [InlineData("mem=129GiB", "Reserved.mem", "129 GiB reserved, 128 GiB available")]
    [InlineData("disk=2TiB", "Reserved.disk", "2 TiB reserved, 1 TiB available")]
    [InlineData("gpus=2", "Reserved.gpus", "2 GPUs reserved, 1 GPU available")]
    public void ReservingMoreThanTheHostHasNamesTheKind(string reserved, string field, string detail)
    {
        var error = Assert.Throws<InvalidFieldException>(() => HostCapacity.Offered(Host, Resources.Parse(reserved)));

        Assert.Equal(field, error.Field);
        Assert.Equal("must not exceed what the host has", error.Rule);
        Assert.Equal(detail, error.Detail);
    }

    [Fact]
    public void ReservingAKindTheHostHasNoneOfLeavesZero() =>
        Assert.Equal(
            Resources.Parse("cpus=1,mem=1GiB"),
            HostCapacity.Offered(Resources.Parse("cpus=2,mem=2GiB"), Resources.Parse("cpus=1,mem=1GiB,disk=10GiB,gpus=1")));

    [Fact]
    public void OverridesReplaceOnlyTheKindsTheyName() =>
        Assert.Equal(
            Resources.Parse("cpus=8,mem=128GiB,disk=100GiB,gpus=1"),
            HostCapacity.Available(Host, new ResourceDetectionOptions { MilliCpus = 8000, DiskBytes = 100 * Resources.GiB }));

    [Fact]
    public void AGpuOverrideMayLowerTheCountToZero() =>
        Assert.Equal(0, HostCapacity.Available(Host, new ResourceDetectionOptions { Gpus = 0 }).Gpus);

    [Theory]
    [InlineData(1500, "1.5 cores")]
    [InlineData(1000, "1 core")]
    [InlineData(1, "0.001 cores")]
    [InlineData(0, "0 cores")]
    public void WritesCores(long milliCpus, string text) => Assert.Equal(text, Units.Cores(milliCpus));

    [Theory]
    [InlineData(25276514304, "23.54 GiB")]
    [InlineData(536870912, "512 MiB")]
    [InlineData(1099511627776, "1 TiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(100, "100 B")]
    public void WritesBytes(long bytes, string text) => Assert.Equal(text, Units.Bytes(bytes));
}
