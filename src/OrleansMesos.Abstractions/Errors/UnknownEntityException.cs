namespace OrleansMesos.Errors;

/// <summary>An operation named a node, framework, role, lease or container that is not known.</summary>
[GenerateSerializer, Alias("om.UnknownEntityException")]
public sealed class UnknownEntityException(string kind, string id)
    : OrleansMesosException($"unknown {kind} '{id}'")
{
    /// <summary>What kind of thing was named: node, framework, role…</summary>
    [Id(0)]
    public string Kind { get; } = kind;

    /// <summary>The id that was not found.</summary>
    [Id(1)]
    public string Id { get; } = id;

    /// <inheritdoc />
    public override string Code => "unknown-" + Kind;
}
