namespace OrleansMesos.Agent.Runtimes;

/// <summary>
/// What the agent needs of a container runtime (Docker, native processes), and nothing more. Every call is
/// cancellable; "not found" is a value (null, false, an empty list), not an exception.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>The runtime's name: <c>docker</c>, <c>process</c>.</summary>
    string Name { get; }

    /// <summary>Whether the runtime can run containers on this host now (an engine answers, the platform allows).</summary>
    Task<bool> IsAvailableAsync(CancellationToken cancellationToken);

    /// <summary>Creates and starts a container; returns its runtime id. Throws <see cref="RuntimeException"/> when it cannot start.</summary>
    Task<string> StartAsync(LaunchSpec spec, CancellationToken cancellationToken);

    /// <summary>Waits for a container to exit and returns how; null when the runtime does not know the id.</summary>
    Task<ContainerExit?> WaitAsync(string runtimeId, CancellationToken cancellationToken);

    /// <summary>Stops a container: a graceful stop (SIGTERM), then a kill after <paramref name="grace"/>. No-op for an unknown or exited one.</summary>
    Task StopAsync(string runtimeId, TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Removes an exited container and what the runtime kept of it. No-op for an unknown one.</summary>
    Task RemoveAsync(string runtimeId, CancellationToken cancellationToken);

    /// <summary>Every container of this cluster the runtime knows on this host (by its labels), running or exited.</summary>
    Task<IReadOnlyList<RuntimeContainer>> ListOwnedAsync(string cluster, CancellationToken cancellationToken);
}
