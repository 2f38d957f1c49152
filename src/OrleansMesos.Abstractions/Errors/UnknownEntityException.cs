namespace OrleansMesos.Errors;

/// <summary>An operation named a node, framework, role, lease or container that is not known.</summary>
public sealed class UnknownEntityException(string kind, string id)
    : OrleansMesosException($"unknown {kind} '{id}'")
{
    /// <summary>What kind of thing was named: node, framework, role…</summary>
    public string Kind { get; } = kind;

    /// <summary>The id that was not found.</summary>
    public string Id { get; } = id;

    /// <inheritdoc />
    public override string Code => "unknown-" + Kind;
}
