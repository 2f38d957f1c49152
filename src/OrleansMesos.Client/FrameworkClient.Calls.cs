using System.Runtime.CompilerServices;
using OrleansMesos.Errors;

namespace OrleansMesos.Client;

// What a framework asks of the cluster, and what the cluster pushes to it.
public sealed partial class FrameworkClient
{
    /// <summary>
    /// Replaces the framework's demand: task shapes and counts (optionally constrained to node attributes). The
    /// cluster grants leases until the counts are met; a redeemed lease's tasks count as met, a declined or
    /// expired one's return to the demand. An empty demand stops new leases.
    /// </summary>
    /// <exception cref="InvalidFieldException">A demand group is invalid (named by its place, e.g. <c>demand[1].count</c>).</exception>
    public Task SetDemandAsync(IEnumerable<TaskDemand> demand, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(demand);
        TaskDemand[] groups = [.. demand];
        return _retry.RunAsync(() => _grain.SetDemand(groups), cancellationToken);
    }

    /// <summary>
    /// The leases the cluster grants the framework, each once (however often the cluster sends it), as they
    /// arrive. A lease rescinded (expired, its node lost) before it is read is never yielded; one read may still
    /// be rescinded, and redeeming it then fails with <see cref="LeaseUnavailableException"/>. Concurrent readers
    /// share the leases. The sequence ends when the client is disposed or the framework unregistered.
    /// </summary>
    public async IAsyncEnumerable<Lease> ReadLeasesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var lease in _leases.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return lease;
        }
    }

    /// <summary>
    /// Launches <paramref name="containers"/> from <paramref name="lease"/>; what they leave of it returns to the
    /// pool. Transient failures are retried under the same request id, so the containers launch once; pass your
    /// own <paramref name="requestId"/> to retry yourself later (after a cancellation, a restart) and get the
    /// first result back.
    /// </summary>
    /// <exception cref="ForbiddenException">The lease is another framework's.</exception>
    /// <exception cref="LeaseUnavailableException">The lease expired, was rescinded, or was redeemed by another request.</exception>
    /// <exception cref="InvalidFieldException">The containers do not fit in the lease, or one is malformed or its id taken.</exception>
    /// <exception cref="OverCommitException">The node had no room after all; the lease returned whole.</exception>
    /// <exception cref="NodeUnavailableException">The node takes no new containers; the lease returned whole.</exception>
    public Task<RedeemResult> RedeemAsync(Lease lease, IReadOnlyList<ContainerSpec> containers, string? requestId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(containers);
        var request = new RedeemRequest(requestId ?? NewRequestId(), lease.Id, [.. containers]);
        return _retry.RunAsync(() => _grain.Redeem(request), cancellationToken);
    }

    /// <summary>
    /// Hands a lease back unused. With a <paramref name="filter"/>, its node is not leased to this framework again
    /// for that long (<see cref="Timeout.InfiniteTimeSpan"/> or 365 days and more: until the framework is revived,
    /// which the cluster does not offer yet, so for the framework's life).
    /// </summary>
    /// <exception cref="LeaseUnavailableException">The lease expired or was redeemed already.</exception>
    /// <exception cref="InvalidFieldException">The filter is negative.</exception>
    public Task DeclineAsync(LeaseId lease, TimeSpan filter = default, CancellationToken cancellationToken = default) =>
        _retry.RunAsync(
            () => _grain.Decline(lease, filter),
            cancellationToken,
            doneBefore: error => error is LeaseUnavailableException { Reason: "declined" });

    /// <summary>Stops one of the framework's containers (gracefully, then hard); its Killed update follows.</summary>
    /// <exception cref="UnknownEntityException">The framework has no such container.</exception>
    public Task KillAsync(ContainerId container, CancellationToken cancellationToken = default) =>
        _retry.RunAsync(() => _grain.Kill(container), cancellationToken);

    /// <summary>
    /// Status updates of the framework's containers as they arrive: in order per container, each sequence once
    /// (repeats are dropped). Each must be acknowledged, or it is sent again and, after a reconnect, read again.
    /// Concurrent readers share the updates. The sequence ends when the client is disposed or the framework unregistered.
    /// </summary>
    public async IAsyncEnumerable<StatusUpdate> ReadStatusUpdatesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var status in _statuses.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new StatusUpdate(status, this);
        }
    }

    /// <summary>The framework's standing now: registration, remaining demand, leases held, containers, unacknowledged updates.</summary>
    public async Task<FrameworkSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _retry.RunAsync(() => _grain.GetSnapshot(), cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastSnapshot, snapshot);
        return snapshot;
    }

    /// <summary>
    /// Ends the framework now: its containers are killed, its leases returned, its demand dropped, and readers
    /// of leases and updates come to their end. A later client with the same id starts a new framework.
    /// </summary>
    public async Task UnregisterAsync(CancellationToken cancellationToken = default)
    {
        await _registrationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _retry.RunAsync(
                () => _grain.Unregister(),
                cancellationToken,
                doneBefore: error => error is UnknownEntityException { Kind: "framework" }).ConfigureAwait(false);
            _ended = true;
        }
        finally
        {
            _registrationGate.Release();
        }

        LogUnregistered(Id);
        await StopRefreshingAsync().ConfigureAwait(false);
        _leases.Complete();
        _statuses.Complete();
    }

    /// <summary>Acknowledges <paramref name="status"/> and every earlier update of its container.</summary>
    internal async Task AcknowledgeAsync(ContainerStatus status, CancellationToken cancellationToken)
    {
        await _retry.RunAsync(() => _grain.Acknowledge(status.Container, status.Sequence), cancellationToken).ConfigureAwait(false);
        _statuses.Acknowledged(status);
    }

    private static string NewRequestId() => Guid.NewGuid().ToString("N");
}
