namespace OrleansMesos.Errors;

/// <summary>An operation tried to add a node, framework or role whose id is already taken.</summary>
[GenerateSerializer, Alias("om.DuplicateEntityException")]
public sealed class DuplicateEntityException(string kind, string id)
    : OrleansMesosException($"{kind} '{id}' already exists")
{
    /// <summary>What kind of thing was added twice.</summary>
    [Id(0)]
    public string Kind { get; } = kind;

    /// <summary>The id that is already taken.</summary>
    [Id(1)]
    public string Id { get; } = id;

    /// <inheritdoc />
    public override string Code => "duplicate-" + Kind;
}
