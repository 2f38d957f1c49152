namespace OrleansMesos.Errors;

/// <summary>
/// The cluster's state store (Redis) did not take a write: nothing was confirmed, and the grain that tried reloads
/// its state before the next call. The call may be made again; clients of the SDK retry it by themselves.
/// </summary>
[GenerateSerializer, Alias("om.StorageUnavailableException")]
public sealed class StorageUnavailableException(string entity, string reason)
    : OrleansMesosException($"the state of {entity} could not be written: {reason}; nothing was confirmed, try again")
{
    [Id(0)]
    internal readonly string _entity = entity;

    /// <summary>Whose state it was, e.g. <c>node/n1</c>.</summary>
    public string Entity => _entity;

    /// <inheritdoc />
    public override string Code => "storage-unavailable";

    /// <inheritdoc />
    public override bool MayPass => true;
}
