namespace OrleansMesos;

/// <summary>Id of a role. A named share of the cluster. Validated by <see cref="IdRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("om.RoleName")]
public readonly record struct RoleName : IComparable<RoleName>
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="Errors.InvalidFieldException">The value breaks <see cref="IdRules"/>.</exception>
    public RoleName(string value) => Value = IdRules.Validate(value, "role");

    /// <summary>The id's text.</summary>
    [Id(0)]
    public string Value { get; }

    /// <inheritdoc />
    public int CompareTo(RoleName other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
