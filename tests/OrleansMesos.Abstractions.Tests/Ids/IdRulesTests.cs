using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

public sealed class IdRulesTests
{
    public static readonly string Longest = new('x', 128);
    public static readonly string TooLong = new('x', 129);

    public static readonly string[] ValidValues =
    [
        "a", "Z", "0", "9lives", "node-1", "n.1_a:b-c", "a..b", "a--", "a:", "A_B", Longest,
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._-:",
    ];

    public static TheoryData<string> Valid => new(ValidValues);

    public static TheoryData<string> Invalid => new()
    {
        "", TooLong,
        "-a", ".a", "_a", ":a", " a",
        "a b", "a/b", "a*b", "a\\b", "a\tb", "a\n", "a,b", "a=b", "a@b", "a'b",
        "é", "aé", "a\u0660", "\uff41",
    };

    [Fact]
    public void MaxLength_Is128() => Assert.Equal(128, IdRules.MaxLength);

    [Fact]
    public void Rule_StatesTheRule() =>
        Assert.Equal("must be 1-128 characters of letters, digits, '.', '_', '-' or ':', starting with a letter or digit", IdRules.Rule);

    [Theory]
    [MemberData(nameof(Valid))]
    public void IsValid_AcceptsTheAllowedForms(string value)
    {
        Assert.True(IdRules.IsValid(value));
        Assert.Same(value, IdRules.Validate(value, "node"));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void IsValid_RefusesEverythingElse(string value) => Assert.False(IdRules.IsValid(value));

    [Fact]
    public void IsValid_RefusesNull() => Assert.False(IdRules.IsValid(null));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_NamesTheFieldAndQuotesTheValue(string value)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => IdRules.Validate(value, "some.field"));

        Assert.Equal("some.field", ex.Field);
        Assert.Equal(IdRules.Rule, ex.Rule);
        Assert.Equal($"some.field: {IdRules.Rule} ('{value}')", ex.Message);
    }

    [Fact]
    public void Validate_SaysNullForNull()
    {
        var ex = Assert.Throws<InvalidFieldException>(() => IdRules.Validate(null, "lease"));

        Assert.Equal("lease", ex.Field);
        Assert.Equal($"lease: {IdRules.Rule} (null)", ex.Message);
    }
}
