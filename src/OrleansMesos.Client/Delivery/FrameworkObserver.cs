namespace OrleansMesos.Client.Delivery;

/// <summary>
/// What the framework grain calls on the client: it hands leases, rescinds and status updates to the inboxes.
/// Orleans holds observers weakly, so the client keeps this object for its whole life.
/// </summary>
internal sealed class FrameworkObserver(LeaseInbox leaseInbox, StatusInbox statusInbox) : IFrameworkObserver
{
    /// <inheritdoc />
    public Task LeasesOffered(Lease[] leases)
    {
        leaseInbox.Offer(leases ?? []);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task LeasesRescinded(LeaseId[] leases)
    {
        leaseInbox.Rescind(leases ?? []);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StatusUpdates(ContainerStatus[] updates)
    {
        statusInbox.Apply(updates ?? []);
        return Task.CompletedTask;
    }
}
