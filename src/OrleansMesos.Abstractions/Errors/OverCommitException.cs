namespace OrleansMesos.Errors;

/// <summary>
/// A commit on a node asked for more than the node has free. The node's state is unchanged:
/// whatever an allocator believed, the node's own books decide.
/// </summary>
[GenerateSerializer, Alias("om.OverCommitException")]
public sealed class OverCommitException(string nodeId, Resources requested, Resources free)
    : OrleansMesosException($"node '{nodeId}' cannot commit {requested}: only {free} is free")
{
    /// <summary>The node that refused.</summary>
    [Id(0)]
    public string NodeId { get; } = nodeId;

    /// <summary>What was asked for.</summary>
    [Id(1)]
    public Resources Requested { get; } = requested;

    /// <summary>What the node had free at the time.</summary>
    [Id(2)]
    public Resources Free { get; } = free;

    /// <inheritdoc />
    public override string Code => "over-commit";
}
