namespace OrleansMesos.Errors;

/// <summary>A node takes no new containers now (unreachable or draining). Nothing was committed.</summary>
[GenerateSerializer, Alias("om.NodeUnavailableException")]
public sealed class NodeUnavailableException(string node, string reason)
    : OrleansMesosException($"node '{node}' takes no new containers: it is {reason}")
{
    /// <summary>The node.</summary>
    [Id(0)]
    public string Node { get; } = node;

    /// <summary>Why: unreachable, draining.</summary>
    [Id(1)]
    public string Reason { get; } = reason;

    /// <inheritdoc />
    public override string Code => "node-" + Reason;
}
