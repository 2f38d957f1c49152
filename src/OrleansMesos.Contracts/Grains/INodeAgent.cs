using OrleansMesos.Wire;

namespace OrleansMesos.Grains;

/// <summary>
/// A host's agent as its node grain calls it: launch and kill containers. One-way: the agent answers with
/// <see cref="INodeGrain.Report"/> calls as containers change state.
/// </summary>
[Alias("om.INodeAgent")]
public interface INodeAgent : IGrainObserver
{
    /// <summary>Starts a container.</summary>
    [OneWay, Alias("Launch")]
    Task Launch(LaunchCommand command);

    /// <summary>Stops a container: a graceful stop, then a kill after <paramref name="grace"/>.</summary>
    [OneWay, Alias("Kill")]
    Task Kill(NodeId node, FrameworkId framework, ContainerId container, TimeSpan grace);
}

/// <summary>A connected framework client as its framework grain calls it. One-way; whatever is not acknowledged is sent again.</summary>
[Alias("om.IFrameworkObserver")]
public interface IFrameworkObserver : IGrainObserver
{
    /// <summary>New leases.</summary>
    [OneWay, Alias("LeasesOffered")]
    Task LeasesOffered(Lease[] leases);

    /// <summary>Leases that are no longer valid (expired, their node lost).</summary>
    [OneWay, Alias("LeasesRescinded")]
    Task LeasesRescinded(LeaseId[] leases);

    /// <summary>
    /// Container status updates, in order per container within one call; each must be acknowledged. Calls may
    /// arrive out of order and repeat earlier updates: apply an update only when its sequence is above the
    /// last one applied for its container.
    /// </summary>
    [OneWay, Alias("StatusUpdates")]
    Task StatusUpdates(ContainerStatus[] updates);
}
