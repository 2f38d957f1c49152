using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

public sealed class ResourceLimitTests
{
    [Fact]
    public void Default_LimitsNothing()
    {
        var limit = ResourceLimit.Unlimited;

        Assert.True(limit.IsUnlimited);
        Assert.True(limit.Allows(new Resources(long.MaxValue, long.MaxValue, long.MaxValue, int.MaxValue)));
        Assert.Equal("unlimited", limit.ToString());
    }

    // Mesos semantics: a limit of cpus=100 says nothing about memory.
    [Fact]
    public void AKindLeftOut_IsUnlimited()
    {
        var limit = ResourceLimit.Parse("cpus=100");

        Assert.Equal(ResourceKind.Cpus, limit.Kinds);
        Assert.True(limit.Allows(Resources.Parse("cpus=100,mem=1000TiB,gpus=64")));
        Assert.False(limit.Allows(Resources.Parse("cpus=100.001")));
        Assert.Equal("cpus=100", limit.ToString());
    }

    [Fact]
    public void AZeroLimitOnOneKind_ForbidsJustThatKind()
    {
        var limit = ResourceLimit.Parse("gpus=0");

        Assert.Equal("gpus=0", limit.ToString());
        Assert.True(limit.Allows(Resources.Parse("cpus=64,mem=1TiB")));
        Assert.False(limit.Allows(Resources.Parse("gpus=1")));
    }

    [Theory]
    [InlineData("cpus=2,mem=4GiB", "cpus=2,mem=4GiB")]
    [InlineData("mem=0,disk=1TiB", "mem=0B,disk=1TiB")]
    [InlineData(" Unlimited ", "unlimited")]
    [InlineData("", "unlimited")]
    public void TheHumanForm_NamesOnlyLimitedKinds_AndRoundTrips(string text, string printed)
    {
        var limit = ResourceLimit.Parse(text);

        Assert.Equal(printed, limit.ToString());
        if (!limit.IsUnlimited)
        {
            Assert.Equal(limit, ResourceLimit.Parse(limit.ToString()));
        }
    }

    [Fact]
    public void AVector_LimitsEveryKind_AndEqualLimitsCompareEqual()
    {
        ResourceLimit limit = Resources.Parse("cpus=1");

        Assert.Equal(ResourceKind.All, limit.Kinds);
        Assert.False(limit.Allows(Resources.Parse("mem=1B")));
        Assert.Equal(new ResourceLimit(Resources.Parse("cpus=1,mem=5GiB"), ResourceKind.Cpus), ResourceLimit.Parse("cpus=1"));
    }

    [Fact]
    public void ParseErrors_NameTheField() =>
        Assert.Equal("gpus", Assert.Throws<InvalidFieldException>(() => ResourceLimit.Parse("gpus=x")).Field);

    [Fact]
    public void AGuarantee_MayExceedAnUnnamedKind_ButNotANamedOne()
    {
        Assert.Equal(Resources.Parse("mem=8GiB"), new RoleSettings(new RoleName("r"), guarantee: Resources.Parse("mem=8GiB"), limit: ResourceLimit.Parse("cpus=1")).Guarantee);
        var e = Assert.Throws<InvalidFieldException>(() => new RoleSettings(new RoleName("r"), guarantee: Resources.Parse("cpus=2"), limit: ResourceLimit.Parse("cpus=1")));
        Assert.Equal("guarantee", e.Field);
    }
}
