namespace OrleansMesos.Errors;

/// <summary>A framework tried to act on a lease or container that belongs to another framework. Nothing changed.</summary>
[GenerateSerializer, Alias("om.ForbiddenException")]
public sealed class ForbiddenException(string kind, string id, string framework)
    : OrleansMesosException($"framework '{framework}' may not act on {kind} '{id}': it belongs to another framework")
{
    /// <summary>What was touched: lease, container.</summary>
    [Id(0)]
    public string Kind { get; } = kind;

    /// <summary>Its id.</summary>
    [Id(1)]
    public string Id { get; } = id;

    /// <summary>The framework that tried.</summary>
    [Id(2)]
    public string Framework { get; } = framework;

    /// <inheritdoc />
    public override string Code => "forbidden";
}
