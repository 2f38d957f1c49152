namespace OrleansMesos;

/// <summary>Id of a lease. A time-limited grant of resources on one node to one framework. Validated by <see cref="IdRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("om.LeaseId")]
public readonly record struct LeaseId : IComparable<LeaseId>
{
    /// <summary>Creates the id.</summary>
    /// <exception cref="Errors.InvalidFieldException">The value breaks <see cref="IdRules"/>.</exception>
    public LeaseId(string value) => _value = IdRules.Validate(value, "lease");

    [Id(0)]
    internal readonly string _value;

    /// <summary>The id's text.</summary>
    public string Value => _value;

    /// <inheritdoc />
    public int CompareTo(LeaseId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
