namespace OrleansMesos.Errors;

/// <summary>A node takes no new containers now (unreachable or draining). Nothing was committed.</summary>
[GenerateSerializer, Alias("om.NodeUnavailableException")]
public sealed class NodeUnavailableException(string node, string reason)
    : OrleansMesosException($"node '{node}' takes no new containers: it is {reason}")
{
    [Id(0)]
    internal readonly string _node = node;

    /// <summary>The node.</summary>
    public string Node => _node;

    [Id(1)]
    internal readonly string _reason = reason;

    /// <summary>Why: unreachable, draining.</summary>
    public string Reason => _reason;

    /// <inheritdoc />
    public override string Code => "node-" + Reason;
}
