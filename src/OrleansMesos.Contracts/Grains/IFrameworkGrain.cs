using OrleansMesos.Wire;

namespace OrleansMesos.Grains;

/// <summary>
/// One per framework: its registration, demand, leases and containers. Leases and status updates are pushed
/// to the connected client's <see cref="IFrameworkObserver"/>; status updates are sent again until acknowledged.
/// A framework acts only on its own leases and containers.
/// </summary>
[Alias("om.IFrameworkGrain")]
public interface IFrameworkGrain : IGrainWithStringKey
{
    /// <summary>Registers, or reconnects within the failover timeout (its leases and containers are kept).</summary>
    [Alias("Register")]
    Task<FrameworkSnapshot> Register(FrameworkRegistration registration, IFrameworkObserver observer);

    /// <summary>The client leaves; its failover timeout starts.</summary>
    [Alias("Disconnect")]
    Task Disconnect();

    /// <summary>Ends the framework now: its containers are killed and its leases returned.</summary>
    [Alias("Unregister")]
    Task Unregister();

    /// <summary>Replaces the framework's demand.</summary>
    [Alias("SetDemand")]
    Task SetDemand(TaskDemand[] demand);

    /// <summary>Redeems a lease; a retry with the same request id returns the first result.</summary>
    [Alias("Redeem")]
    Task<RedeemResult> Redeem(RedeemRequest request);

    /// <summary>Declines a lease; with a filter, its node is not leased to this framework again for that long.</summary>
    [Alias("Decline")]
    Task Decline(LeaseId lease, TimeSpan filter);

    /// <summary>Kills one of the framework's containers.</summary>
    [Alias("Kill")]
    Task Kill(ContainerId container);

    /// <summary>Acknowledges status updates of a container up to and including <paramref name="sequence"/>.</summary>
    [Alias("Acknowledge")]
    Task Acknowledge(ContainerId container, long sequence);

    /// <summary>The framework's standing.</summary>
    [Alias("GetSnapshot")]
    Task<FrameworkSnapshot> GetSnapshot();

    /// <summary>From an allocator partition: new leases for this framework.</summary>
    [OneWay, Alias("Offer")]
    Task Offer(Lease[] leases);

    /// <summary>From an allocator partition: leases that are no longer valid.</summary>
    [OneWay, Alias("Rescind")]
    Task Rescind(LeaseId[] leases);

    /// <summary>From a node grain: a container's status changed.</summary>
    [Alias("StatusChanged")]
    Task StatusChanged(ContainerStatus status);

    /// <summary>Checks the failover deadline and sends unacknowledged updates again now (also done on a timer).</summary>
    [Alias("CheckTimers")]
    Task CheckTimers();
}
