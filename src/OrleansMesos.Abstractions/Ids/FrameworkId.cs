namespace OrleansMesos;

/// <summary>Id of a framework. A client application registered under one role. Validated by <see cref="IdRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("om.FrameworkId")]
public readonly record struct FrameworkId : IComparable<FrameworkId>
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="Errors.InvalidFieldException">The value breaks <see cref="IdRules"/>.</exception>
    public FrameworkId(string value) => _value = IdRules.Validate(value, "framework");

    [Id(0)]
    internal readonly string _value;

    /// <summary>The id's text.</summary>
    public string Value => _value;

    /// <inheritdoc />
    public int CompareTo(FrameworkId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
