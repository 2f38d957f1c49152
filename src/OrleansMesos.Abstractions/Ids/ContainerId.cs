namespace OrleansMesos;

/// <summary>Id of a container. A task launched from a redeemed lease. Validated by <see cref="IdRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("om.ContainerId")]
public readonly record struct ContainerId : IComparable<ContainerId>
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="Errors.InvalidFieldException">The value breaks <see cref="IdRules"/>.</exception>
    public ContainerId(string value) => _value = IdRules.Validate(value, "container");

    [Id(0)]
    internal readonly string _value;

    /// <summary>The id's text.</summary>
    public string Value => _value;

    /// <inheritdoc />
    public int CompareTo(ContainerId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
