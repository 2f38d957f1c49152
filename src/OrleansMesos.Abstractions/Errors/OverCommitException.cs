namespace OrleansMesos.Errors;

/// <summary>
/// A commit on a node asked for more than the node has free. The node's state is unchanged:
/// whatever an allocator believed, the node's own books decide.
/// </summary>
[GenerateSerializer, Alias("om.OverCommitException")]
public sealed class OverCommitException(string nodeId, Resources requested, Resources free)
    : OrleansMesosException($"node '{nodeId}' cannot commit {requested}: only {free} is free")
{
    [Id(0)]
    internal readonly string _nodeId = nodeId;

    /// <summary>The node that refused.</summary>
    public string NodeId => _nodeId;

    [Id(1)]
    internal readonly Resources _requested = requested;

    /// <summary>What was asked for.</summary>
    public Resources Requested => _requested;

    [Id(2)]
    internal readonly Resources _free = free;

    /// <summary>What the node had free at the time.</summary>
    public Resources Free => _free;

    /// <inheritdoc />
    public override string Code => "over-commit";
}
