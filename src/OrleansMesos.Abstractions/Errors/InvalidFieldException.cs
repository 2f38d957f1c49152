namespace OrleansMesos.Errors;

/// <summary>
/// A value given by a caller breaks a rule. Names the field (a property name or a JSON path such as
/// <c>$.roles[0].weight</c>) and the rule, so that the caller knows what to change.
/// Nothing was changed by the call that raised it.
/// </summary>
public sealed class InvalidFieldException : OrleansMesosException
{
    // Kept so that Under can rebuild the message with the offending value still in it.
    private readonly string? _detail;

    /// <summary>Creates the error for <paramref name="field"/> breaking <paramref name="rule"/>.</summary>
    public InvalidFieldException(string field, string rule, string? detail = null)
        : base(detail is null ? $"{field}: {rule}" : $"{field}: {rule} ({detail})")
    {
        Field = field;
        Rule = rule;
        _detail = detail;
    }

    /// <summary>The field that holds the bad value.</summary>
    public string Field { get; }

    /// <summary>The rule the value breaks, in words.</summary>
    public string Rule { get; }

    /// <inheritdoc />
    public override string Code => "invalid-field";

    /// <summary>The same error with its field placed under <paramref name="prefix"/> (a JSON path).</summary>
    public InvalidFieldException Under(string prefix) => new(Join(prefix, Field), Rule, _detail);

    private static string Join(string prefix, string field) =>
        field.StartsWith('[') ? prefix + field : prefix + "." + field;
}
