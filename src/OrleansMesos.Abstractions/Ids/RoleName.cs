namespace OrleansMesos;

/// <summary>Id of a role. A named share of the cluster. Validated by <see cref="IdRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("om.RoleName")]
public readonly record struct RoleName : IComparable<RoleName>
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="Errors.InvalidFieldException">The value breaks <see cref="IdRules"/>.</exception>
    public RoleName(string value) => _value = IdRules.Validate(value, "role");

    [Id(0)]
    internal readonly string _value;

    /// <summary>The id's text.</summary>
    public string Value => _value;

    /// <inheritdoc />
    public int CompareTo(RoleName other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
