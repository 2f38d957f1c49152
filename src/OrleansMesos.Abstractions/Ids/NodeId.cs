namespace OrleansMesos;

/// <summary>Id of a node. A host that offers resources; one silo and one node grain per node. Validated by <see cref="IdRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("om.NodeId")]
public readonly record struct NodeId : IComparable<NodeId>
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="Errors.InvalidFieldException">The value breaks <see cref="IdRules"/>.</exception>
    public NodeId(string value) => _value = IdRules.Validate(value, "node");

    [Id(0)]
    internal readonly string _value;

    /// <summary>The id's text.</summary>
    public string Value => _value;

    /// <inheritdoc />
    public int CompareTo(NodeId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
