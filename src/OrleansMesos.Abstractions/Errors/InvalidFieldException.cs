namespace OrleansMesos.Errors;

/// <summary>
/// A value given by a caller breaks a rule. Names the field (a property name or a JSON path such as
/// <c>$.roles[0].weight</c>) and the rule, so that the caller knows what to change.
/// Nothing was changed by the call that raised it.
/// </summary>
[GenerateSerializer, Alias("om.InvalidFieldException")]
public sealed class InvalidFieldException : OrleansMesosException
{
    /// <summary>Creates the error for <paramref name="field"/> breaking <paramref name="rule"/>.</summary>
    public InvalidFieldException(string field, string rule, string? detail = null)
        : base(detail is null ? $"{field}: {rule}" : $"{field}: {rule} ({detail})")
    {
        _field = field;
        _rule = rule;
        _detail = detail;
    }

    [Id(0)]
    internal readonly string _field;

    /// <summary>The field that holds the bad value.</summary>
    public string Field => _field;

    [Id(1)]
    internal readonly string _rule;

    /// <summary>The rule the value breaks, in words.</summary>
    public string Rule => _rule;

    [Id(2)]
    internal readonly string? _detail;

    /// <summary>The offending value or context, when known.</summary>
    public string? Detail => _detail;

    /// <inheritdoc />
    public override string Code => "invalid-field";

    /// <summary>The same error with its field placed under <paramref name="prefix"/> (a JSON path).</summary>
    public InvalidFieldException Under(string prefix) => new(Join(prefix, Field), Rule, Detail);

    private static string Join(string prefix, string field) =>
        field.StartsWith('[') ? prefix + field : prefix + "." + field;
}
