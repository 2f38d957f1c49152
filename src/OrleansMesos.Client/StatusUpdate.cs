namespace OrleansMesos.Client;

/// <summary>
/// A container's status change, read once from <see cref="FrameworkClient.ReadStatusUpdatesAsync"/>. The cluster
/// sends it again (also to a client that reconnects) until it is acknowledged.
/// </summary>
public sealed class StatusUpdate
{
    private readonly FrameworkClient _client;

    internal StatusUpdate(ContainerStatus status, FrameworkClient client)
    {
        Status = status;
        _client = client;
    }

    /// <summary>The status: container, node, state, exit code, reason, and its sequence number within the container.</summary>
    public ContainerStatus Status { get; }

    /// <summary>The container.</summary>
    public ContainerId Container => Status.Container;

    /// <summary>The state the container moved to.</summary>
    public ContainerState State => Status.State;

    /// <summary>The update's number within its container: 1, 2, 3… in the order they happened.</summary>
    public long Sequence => Status.Sequence;

    /// <summary>
    /// Tells the cluster this update (and every earlier one of its container) was handled, so it is not sent
    /// again. Acknowledging a terminal update lets the cluster forget the container.
    /// </summary>
    public Task AcknowledgeAsync(CancellationToken cancellationToken = default) =>
        _client.AcknowledgeAsync(Status, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"{Container} #{Sequence} {State}";
}
