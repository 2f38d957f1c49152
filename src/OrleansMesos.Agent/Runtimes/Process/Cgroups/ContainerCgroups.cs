namespace OrleansMesos.Agent.Runtimes.Processes.Cgroups;

/// <summary>The cgroups a container was given and which of its limits they enforce; kept in the container's record.</summary>
public sealed record ContainerCgroups
{
    /// <summary>No cgroups: the container runs without limits.</summary>
    public static readonly ContainerCgroups None = new();

    /// <summary>The container's cgroup directories, one per hierarchy used; its processes are listed in their <c>cgroup.procs</c>.</summary>
    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>The directory that limits and counts memory, or null.</summary>
    public string? MemoryDirectory { get; init; }

    /// <summary>True when <see cref="MemoryDirectory"/> is in the unified (v2) hierarchy.</summary>
    public bool MemoryIsV2 { get; init; }

    /// <summary>The memory limit written, in bytes; null when none is enforced.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The CPU limit written, in millicores; null when none is enforced.</summary>
    public long? MilliCpus { get; init; }

    /// <summary>True when every limit the spec asked for is enforced (also when it asked for none).</summary>
    public bool LimitsApplied { get; init; }

    /// <summary>What could not be done and why, in words, when something could not; null otherwise.</summary>
    public string? Note { get; init; }
}
