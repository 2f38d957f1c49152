namespace OrleansMesos.Errors;

/// <summary>An operation tried to add a node, framework or role whose id is already taken.</summary>
[GenerateSerializer, Alias("om.DuplicateEntityException")]
public sealed class DuplicateEntityException(string kind, string id)
    : OrleansMesosException($"{kind} '{id}' already exists")
{
    [Id(0)]
    internal readonly string _kind = kind;

    /// <summary>What kind of thing was added twice.</summary>
    public string Kind => _kind;

    [Id(1)]
    internal readonly string _id = id;

    /// <summary>The id that is already taken.</summary>
    public string Id => _id;

    /// <inheritdoc />
    public override string Code => "duplicate-" + Kind;
}
