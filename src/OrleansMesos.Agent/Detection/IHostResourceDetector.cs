namespace OrleansMesos.Agent.Detection;

/// <summary>Detects what this host offers.</summary>
public interface IHostResourceDetector
{
    /// <summary>
    /// Detects cpus, memory, disk and GPUs, applies the operator's overrides and reservation, and says where each
    /// figure came from. <see cref="HostResources.Total"/> is what the node offers.
    /// </summary>
    /// <exception cref="Errors.InvalidFieldException">The settings are wrong for this host (a reservation beyond what it has).</exception>
    Task<HostResources> DetectAsync(CancellationToken cancellationToken);
}
