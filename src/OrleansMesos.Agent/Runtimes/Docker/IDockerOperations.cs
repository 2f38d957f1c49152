using Docker.DotNet.Models;

namespace OrleansMesos.Agent.Runtimes.Docker;

/// <summary>
/// The few Docker engine calls the runtime makes, and nothing more. Every call is cancellable; "not found" is a
/// value (false, null), not an exception. Any other failure of the engine throws.
/// </summary>
internal interface IDockerOperations
{
    /// <summary>Whether the engine answers.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="image"/> is on the host.</summary>
    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    /// <summary>Pulls <paramref name="image"/>; throws with the engine's words when it cannot.</summary>
    Task PullImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>Creates a container; returns its id.</summary>
    Task<string> CreateContainerAsync(CreateContainerParameters parameters, CancellationToken cancellationToken);

    /// <summary>Starts a created container; false when there is no such container.</summary>
    Task<bool> StartContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Waits until the container is not running and returns its exit code; null when there is no such container.</summary>
    Task<long?> WaitContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>The container as the engine describes it; null when there is no such container.</summary>
    Task<ContainerInspectResponse?> InspectContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/> (whole seconds, rounded up); false when there is no such container.</summary>
    Task<bool> StopContainerAsync(string id, TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Removes the container, killing it if it runs; false when there is no such container.</summary>
    Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every container, running or not, that carries all of <paramref name="labels"/>.</summary>
    Task<IList<ContainerListResponse>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="lines"/> lines of the container's stdout and stderr, merged as <see cref="LogTail"/> says; null when there is no such container.</summary>
    Task<string?> GetLogTailAsync(string id, int lines, CancellationToken cancellationToken);
}
