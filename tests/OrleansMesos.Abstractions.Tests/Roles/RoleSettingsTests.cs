using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

public sealed class RoleSettingsTests
{
    private const string WeightRule = "must be a finite number greater than zero";
    private const string GuaranteeRule = "must not exceed the limit in any resource";

    private static readonly RoleName Web = new("web");
    private static readonly Resources Limit = new(4000, 8 * Resources.GiB, 100 * Resources.GiB, 2);

    [Fact]
    public void Defaults_WeightOneNoGuaranteeNoLimit()
    {
        var settings = new RoleSettings(Web);

        Assert.Equal(Web, settings.Name);
        Assert.Equal(1.0, settings.Weight);
        Assert.Equal(RoleSettings.DefaultWeight, settings.Weight);
        Assert.Equal(Resources.Zero, settings.Guarantee);
        Assert.True(settings.Limit.IsUnlimited);
    }

    [Fact]
    public void Constructor_KeepsWhatItIsGiven()
    {
        var guarantee = new Resources(1000, Resources.GiB);

        var settings = new RoleSettings(Web, 2.5, guarantee, Limit);

        Assert.Equal(2.5, settings.Weight);
        Assert.Equal(guarantee, settings.Guarantee);
        Assert.Equal((ResourceLimit)Limit, settings.Limit);
    }

    [Theory]
    [InlineData(double.Epsilon)]
    [InlineData(0.001)]
    [InlineData(1e9)]
    [InlineData(double.MaxValue)]
    public void Weight_AnyFinitePositiveNumber(double weight) => Assert.Equal(weight, new RoleSettings(Web, weight).Weight);

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Weight_RefusesZeroNegativeAndNonFinite(double weight, string printed)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => new RoleSettings(Web, weight));

        Assert.Equal("weight", ex.Field);
        Assert.Equal(WeightRule, ex.Rule);
        Assert.Equal($"weight: {WeightRule} ({printed})", ex.Message);
    }

    [Theory]
    [InlineData(4001, 0, 0, 0)]
    [InlineData(0, (8 * Resources.GiB) + 1, 0, 0)]
    [InlineData(0, 0, (100 * Resources.GiB) + 1, 0)]
    [InlineData(0, 0, 0, 3)]
    public void Guarantee_RefusedAboveTheLimitInAnyOneResource(long milli, long mem, long disk, int gpus)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => new RoleSettings(Web, guarantee: new Resources(milli, mem, disk, gpus), limit: Limit));

        Assert.Equal("guarantee", ex.Field);
        Assert.Equal(GuaranteeRule, ex.Rule);
    }

    [Fact]
    public void Guarantee_MessageShowsBothVectors()
    {
        var ex = Assert.Throws<InvalidFieldException>(() =>
            new RoleSettings(Web, guarantee: new Resources(2000, 0), limit: new Resources(1000, Resources.GiB)));

        Assert.Equal("guarantee: must not exceed the limit in any resource (guarantee cpus=2, limit cpus=1,mem=1GiB,disk=0B,gpus=0)", ex.Message);
    }

    [Fact]
    public void Guarantee_EqualToTheLimitIsAllowed() =>
        Assert.Equal(Limit, new RoleSettings(Web, guarantee: Limit, limit: Limit).Guarantee);

    [Fact]
    public void Guarantee_WithoutALimitIsUnbounded()
    {
        var huge = new Resources(long.MaxValue, long.MaxValue, long.MaxValue, int.MaxValue);

        Assert.Equal(huge, new RoleSettings(Web, guarantee: huge).Guarantee);
    }

    [Fact]
    public void Guarantee_AnyGuaranteeAboveAZeroLimitIsRefused() =>
        Assert.Equal("guarantee", Assert.Throws<InvalidFieldException>(() =>
            new RoleSettings(Web, guarantee: new Resources(0, 0, 0, 1), limit: Resources.Zero)).Field);

    [Fact]
    public void Name_DefaultIsRefused()
    {
        var ex = Assert.Throws<InvalidFieldException>(() => new RoleSettings(default));

        Assert.Equal("name", ex.Field);
        Assert.Equal(IdRules.Rule, ex.Rule);
        Assert.Equal($"name: {IdRules.Rule} (null)", ex.Message);
    }

    [Fact]
    public void Name_IsCheckedBeforeTheWeight() =>
        Assert.Equal("name", Assert.Throws<InvalidFieldException>(() => new RoleSettings(default, double.NaN)).Field);

    [Fact]
    public void Weight_IsCheckedBeforeTheGuarantee() =>
        Assert.Equal("weight", Assert.Throws<InvalidFieldException>(() =>
            new RoleSettings(Web, 0, new Resources(2000, 0), new Resources(1000, 0))).Field);

    [Fact]
    public void WithinLimit_WithoutALimitIsAlwaysTrue()
    {
        var settings = new RoleSettings(Web);

        Assert.True(settings.WithinLimit(Resources.Zero));
        Assert.True(settings.WithinLimit(new Resources(long.MaxValue, long.MaxValue, long.MaxValue, int.MaxValue)));
    }

    [Fact]
    public void WithinLimit_UpToAndIncludingTheLimit()
    {
        var settings = new RoleSettings(Web, limit: Limit);

        Assert.True(settings.WithinLimit(Resources.Zero));
        Assert.True(settings.WithinLimit(Limit));
        Assert.True(settings.WithinLimit(new Resources(3999, 8 * Resources.GiB, 0, 2)));
    }

    [Theory]
    [InlineData(4001, 0, 0, 0)]
    [InlineData(0, (8 * Resources.GiB) + 1, 0, 0)]
    [InlineData(0, 0, (100 * Resources.GiB) + 1, 0)]
    [InlineData(0, 0, 0, 3)]
    public void WithinLimit_FalseWhenAnyOneResourceIsOver(long milli, long mem, long disk, int gpus) =>
        Assert.False(new RoleSettings(Web, limit: Limit).WithinLimit(new Resources(milli, mem, disk, gpus)));

    [Fact]
    public void WithinLimit_AZeroLimitAdmitsOnlyNothing()
    {
        var settings = new RoleSettings(Web, limit: Resources.Zero);

        Assert.True(settings.WithinLimit(Resources.Zero));
        Assert.False(settings.WithinLimit(new Resources(1, 0)));
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(new RoleSettings(Web, 2, Resources.Zero, Limit), new RoleSettings(new RoleName("web"), 2, Resources.Zero, Limit));
        Assert.NotEqual(new RoleSettings(Web, 2), new RoleSettings(Web, 3));
        Assert.NotEqual(new RoleSettings(Web, limit: Limit), new RoleSettings(Web));
        Assert.NotEqual(new RoleSettings(Web), new RoleSettings(new RoleName("batch")));
    }
}
