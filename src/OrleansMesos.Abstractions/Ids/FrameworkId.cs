namespace OrleansMesos;

/// <summary>Id of a framework. A client application registered under one role. Validated by <see cref="IdRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("om.FrameworkId")]
public readonly record struct FrameworkId : IComparable<FrameworkId>
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="Errors.InvalidFieldException">The value breaks <see cref="IdRules"/>.</exception>
    public FrameworkId(string value) => Value = IdRules.Validate(value, "framework");

    /// <summary>The id's text.</summary>
    [Id(0)]
    public string Value { get; }

    /// <inheritdoc />
    public int CompareTo(FrameworkId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
