namespace OrleansMesos.Errors;

/// <summary>An operation named a node, framework, role, lease or container that is not known.</summary>
[GenerateSerializer, Alias("om.UnknownEntityException")]
public sealed class UnknownEntityException(string kind, string id)
    : OrleansMesosException($"unknown {kind} '{id}'")
{
    [Id(0)]
    internal readonly string _kind = kind;

    /// <summary>What kind of thing was named: node, framework, role…</summary>
    public string Kind => _kind;

    [Id(1)]
    internal readonly string _id = id;

    /// <summary>The id that was not found.</summary>
    public string Id => _id;

    /// <inheritdoc />
    public override string Code => "unknown-" + Kind;
}
