using OrleansMesos.Errors;

namespace OrleansMesos.Abstractions.Tests;

public sealed class ErrorsTests
{
    [Fact]
    public void InvalidField_CarriesFieldAndRule()
    {
        var ex = new InvalidFieldException("weight", "must be positive");

        Assert.Equal("weight", ex.Field);
        Assert.Equal("must be positive", ex.Rule);
        Assert.Equal("weight: must be positive", ex.Message);
        Assert.Equal("invalid-field", ex.Code);
        Assert.Null(ex.InnerException);
        Assert.IsAssignableFrom<OrleansMesosException>(ex);
    }

    [Fact]
    public void InvalidField_DetailGoesInParentheses() =>
        Assert.Equal("weight: must be positive (-1)", new InvalidFieldException("weight", "must be positive", "-1").Message);

    [Fact]
    public void InvalidField_AnEmptyDetailStillShows() =>
        Assert.Equal("resources: each item must be key=value ()", new InvalidFieldException("resources", "each item must be key=value", string.Empty).Message);

    [Theory]
    [InlineData("field", "$.a", "$.a.field")]
    [InlineData("weight", "$.roles[0]", "$.roles[0].weight")]
    [InlineData("[0]", "$.roles", "$.roles[0]")]
    [InlineData("['odd name'].x", "$.nodes", "$.nodes['odd name'].x")]
    [InlineData("cpus", "$", "$.cpus")]
    public void Under_PlacesTheFieldUnderThePrefix(string field, string prefix, string expected)
    {
        var ex = new InvalidFieldException(field, "must be set").Under(prefix);

        Assert.Equal(expected, ex.Field);
        Assert.Equal("must be set", ex.Rule);
        Assert.Equal($"{expected}: must be set", ex.Message);
        Assert.Equal("invalid-field", ex.Code);
    }

    [Fact]
    public void Under_Nests() =>
        Assert.Equal("$.roles[2].limit.cpus", new InvalidFieldException("cpus", "r").Under("limit").Under("[2]").Under("$.roles").Field);

    [Fact]
    public void Under_LeavesTheOriginalAlone()
    {
        var original = new InvalidFieldException("weight", "must be positive");

        var moved = original.Under("$.roles[0]");

        Assert.NotSame(original, moved);
        Assert.Equal("weight", original.Field);
    }

    // The detail, the offending value, used to be dropped: a config file error said which field was
    // wrong but no longer what it held.
    [Fact]
    public void Under_KeepsTheDetail()
    {
        var ex = new InvalidFieldException("weight", "must be a finite number greater than zero", "NaN").Under("$.roles[0]");

        Assert.Equal("$.roles[0].weight: must be a finite number greater than zero (NaN)", ex.Message);
    }

    [Fact]
    public void Under_KeepsTheDetailOfAParseError()
    {
        var parse = Assert.Throws<InvalidFieldException>(() => Resources.Parse("cpus=0.0005"));

        var ex = parse.Under("$.nodes[3].resources");

        Assert.Equal("$.nodes[3].resources.cpus", ex.Field);
        Assert.Equal("$.nodes[3].resources.cpus: must be a whole multiple of a millicore (0.001) (0.0005)", ex.Message);
    }

    [Theory]
    [InlineData("node", "n1", "unknown-node", "unknown node 'n1'")]
    [InlineData("framework", "fw-7", "unknown-framework", "unknown framework 'fw-7'")]
    [InlineData("role", "web", "unknown-role", "unknown role 'web'")]
    [InlineData("lease", "l:1", "unknown-lease", "unknown lease 'l:1'")]
    [InlineData("container", "c.9", "unknown-container", "unknown container 'c.9'")]
    public void UnknownEntity_CarriesKindAndId(string kind, string id, string code, string message)
    {
        var ex = new UnknownEntityException(kind, id);

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(id, ex.Id);
        Assert.Equal(code, ex.Code);
        Assert.Equal(message, ex.Message);
        Assert.IsAssignableFrom<OrleansMesosException>(ex);
    }

    [Theory]
    [InlineData("node", "n1", "duplicate-node", "node 'n1' already exists")]
    [InlineData("framework", "fw-7", "duplicate-framework", "framework 'fw-7' already exists")]
    [InlineData("role", "web", "duplicate-role", "role 'web' already exists")]
    public void DuplicateEntity_CarriesKindAndId(string kind, string id, string code, string message)
    {
        var ex = new DuplicateEntityException(kind, id);

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(id, ex.Id);
        Assert.Equal(code, ex.Code);
        Assert.Equal(message, ex.Message);
        Assert.IsAssignableFrom<OrleansMesosException>(ex);
    }

    [Fact]
    public void OverCommit_CarriesTheNodeAndBothVectors()
    {
        var requested = new Resources(2000, Resources.GiB);
        var free = new Resources(1000, 0);

        var ex = new OverCommitException("n1", requested, free);

        Assert.Equal("n1", ex.NodeId);
        Assert.Equal(requested, ex.Requested);
        Assert.Equal(free, ex.Free);
        Assert.Equal("over-commit", ex.Code);
        Assert.Equal("node 'n1' cannot commit cpus=2,mem=1GiB: only cpus=1 is free", ex.Message);
        Assert.IsAssignableFrom<OrleansMesosException>(ex);
    }

    [Fact]
    public void OverCommit_WithNothingFree_SaysNone() =>
        Assert.Equal("node 'n1' cannot commit gpus=1: only none is free", new OverCommitException("n1", new Resources(0, 0, 0, 1), Resources.Zero).Message);

    [Fact]
    public void Codes_AreDistinctPerKind()
    {
        OrleansMesosException[] errors =
        [
            new InvalidFieldException("f", "r"),
            new UnknownEntityException("node", "n"),
            new UnknownEntityException("role", "n"),
            new DuplicateEntityException("node", "n"),
            new OverCommitException("n", Resources.Zero, Resources.Zero),
        ];

        Assert.Equal(["invalid-field", "unknown-node", "unknown-role", "duplicate-node", "over-commit"], errors.Select(e => e.Code));
    }
}
