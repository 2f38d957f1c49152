namespace OrleansMesos.Errors;

/// <summary>A framework tried to act on a lease or container that belongs to another framework. Nothing changed.</summary>
[GenerateSerializer, Alias("om.ForbiddenException")]
public sealed class ForbiddenException(string kind, string id, string framework)
    : OrleansMesosException($"framework '{framework}' may not act on {kind} '{id}': it belongs to another framework")
{
    [Id(0)]
    internal readonly string _kind = kind;

    /// <summary>What was touched: lease, container.</summary>
    public string Kind => _kind;

    [Id(1)]
    internal readonly string _id = id;

    /// <summary>Its id.</summary>
    public string Id => _id;

    [Id(2)]
    internal readonly string _framework = framework;

    /// <summary>The framework that tried.</summary>
    public string Framework => _framework;

    /// <inheritdoc />
    public override string Code => "forbidden";
}
