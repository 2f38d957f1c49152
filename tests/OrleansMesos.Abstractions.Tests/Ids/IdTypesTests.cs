using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

/// <summary>The five id types: each validates with <see cref="IdRules"/> and names its own field.</summary>
public sealed class IdTypesTests
{
    private static readonly string[] Kinds = ["node", "framework", "role", "lease", "container"];

    public static TheoryData<string, string> KindsAndValidValues
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var kind in Kinds)
            {
                foreach (var value in IdRulesTests.ValidValues)
                {
                    data.Add(kind, value);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, string?> KindsAndInvalidValues
    {
        get
        {
            var data = new TheoryData<string, string?>();
            foreach (var kind in Kinds)
            {
                data.Add(kind, null);
                foreach (var value in new[] { "", IdRulesTests.TooLong, "-x", "_x", "a b", "a/b", "a*b" })
                {
                    data.Add(kind, value);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndValidValues))]
    public void Constructor_KeepsAValidValue(string field, string value)
    {
        var (text, printed) = Create(field, value);

        Assert.Same(value, text);
        Assert.Equal(value, printed);
    }

    [Theory]
    [MemberData(nameof(KindsAndInvalidValues))]
    public void Constructor_RefusesAnInvalidValue_NamingItsOwnField(string field, string? value)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Create(field, value!));

        Assert.Equal(field, ex.Field);
        Assert.Equal(IdRules.Rule, ex.Rule);
        Assert.Equal(value is null ? $"{field}: {IdRules.Rule} (null)" : $"{field}: {IdRules.Rule} ('{value}')", ex.Message);
    }

    [Fact]
    public void Equality_IsByOrdinalValue()
    {
        AssertEquality(v => new NodeId(v));
        AssertEquality(v => new FrameworkId(v));
        AssertEquality(v => new RoleName(v));
        AssertEquality(v => new LeaseId(v));
        AssertEquality(v => new ContainerId(v));
    }

    [Fact]
    public void Ordering_IsOrdinal()
    {
        AssertOrdering(v => new NodeId(v));
        AssertOrdering(v => new FrameworkId(v));
        AssertOrdering(v => new RoleName(v));
        AssertOrdering(v => new LeaseId(v));
        AssertOrdering(v => new ContainerId(v));
    }

    [Fact]
    public void Default_HasNoValueAndPrintsEmpty()
    {
        Assert.Null(default(NodeId).Value);
        Assert.Equal(string.Empty, default(NodeId).ToString());
        Assert.Equal(string.Empty, default(FrameworkId).ToString());
        Assert.Equal(string.Empty, default(RoleName).ToString());
        Assert.Equal(string.Empty, default(LeaseId).ToString());
        Assert.Equal(string.Empty, default(ContainerId).ToString());
    }

    [Fact]
    public void Default_SortsBeforeEveryRealId()
    {
        Assert.True(default(NodeId).CompareTo(new NodeId("0")) < 0);
        Assert.True(new NodeId("0").CompareTo(default) > 0);
        Assert.Equal(0, default(NodeId).CompareTo(default));
        Assert.NotEqual(default, new NodeId("0"));
    }

    private static (string Value, string Printed) Create(string field, string value) => field switch
    {
        "node" => (new NodeId(value).Value, new NodeId(value).ToString()),
        "framework" => (new FrameworkId(value).Value, new FrameworkId(value).ToString()),
        "role" => (new RoleName(value).Value, new RoleName(value).ToString()),
        "lease" => (new LeaseId(value).Value, new LeaseId(value).ToString()),
        "container" => (new ContainerId(value).Value, new ContainerId(value).ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static void AssertEquality<T>(Func<string, T> make)
        where T : struct, IEquatable<T>
    {
        Assert.Equal(make("node-1"), make("node-1"));
        Assert.Equal(make("node-1").GetHashCode(), make("node-1").GetHashCode());
        Assert.True(make("node-1").Equals(make("node-1")));
        Assert.False(make("node-1").Equals(make("node-2")));
        Assert.False(make("a").Equals(make("A")));
        Assert.NotEqual(make("a"), default);
    }

    private static void AssertOrdering<T>(Func<string, T> make)
        where T : struct, IComparable<T>
    {
        Assert.Equal(0, make("a").CompareTo(make("a")));
        Assert.True(make("a").CompareTo(make("b")) < 0);
        Assert.True(make("b").CompareTo(make("a")) > 0);

        // Ordinal, not culture: upper case before lower case, digits compared character by character.
        var sorted = new[] { "b", "a10", "B", "a9", "a", "a-1", "a:1", "0" }.Select(make).Order().Select(id => id.ToString());
        Assert.Equal(["0", "B", "a", "a-1", "a10", "a9", "a:1", "b"], sorted);
    }
}
