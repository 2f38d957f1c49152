namespace OrleansMesos.Agent.Detection;

/// <summary>Finds the GPUs of this host. Never throws for a host without GPUs or without their driver: that is a result.</summary>
public interface IGpuProbe
{
    /// <summary>Lists the GPUs and says how they were found.</summary>
    Task<GpuProbeResult> ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>How a GPU probe went.</summary>
public enum GpuProbeStatus
{
    /// <summary>No GPU management library on this host: no GPUs, and nothing wrong.</summary>
    Absent = 0,

    /// <summary>The library answered; every GPU it counted is listed (there may be none).</summary>
    Ok = 1,

    /// <summary>The library answered, but some GPUs could not be read and are left out.</summary>
    Degraded = 2,

    /// <summary>The library is there but did not work (driver not loaded, version mismatch): no GPUs listed.</summary>
    Failed = 3,
}

/// <summary>What a GPU probe found.</summary>
/// <param name="Status">How it went.</param>
/// <param name="Devices">The GPUs found, by index.</param>
/// <param name="Source">Where they came from, or what went wrong, in words.</param>
public sealed record GpuProbeResult(GpuProbeStatus Status, IReadOnlyList<GpuDevice> Devices, string Source);
