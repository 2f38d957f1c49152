namespace OrleansMesos.Agent.Runtimes;

/// <summary>Everything a runtime needs to start one container.</summary>
/// <param name="Cluster">The cluster id; with the other ids it labels the container as this cluster's own.</param>
/// <param name="Node">The node the container runs on.</param>
/// <param name="Framework">The framework that launched it.</param>
/// <param name="Container">The framework's id for it.</param>
/// <param name="Image">The image (Docker); null for a native process.</param>
/// <param name="Command">The command: the program for a native process, the entrypoint override for Docker.</param>
/// <param name="Args">Arguments.</param>
/// <param name="Environment">Environment variables.</param>
/// <param name="Limits">CPU, memory (and disk where enforced) the container may use; GPUs are given by <paramref name="GpuUuids"/>.</param>
/// <param name="GpuUuids">The GPUs, by NVML UUID, the container may use.</param>
/// <param name="WorkingDirectory">The working directory, or null for the runtime's default.</param>
public sealed record LaunchSpec(
    string Cluster,
    NodeId Node,
    FrameworkId Framework,
    ContainerId Container,
    string? Image,
    string? Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    Resources Limits,
    IReadOnlyList<string> GpuUuids,
    string? WorkingDirectory = null);

/// <summary>How a container ended.</summary>
/// <param name="ExitCode">Its exit code (128 + signal for a signalled process, as shells report it).</param>
/// <param name="Reason">Why, in words, when the runtime knows (OOM-killed, killed, could not start).</param>
/// <param name="LogTail">The last lines of its output, kept when it failed.</param>
public sealed record ContainerExit(int ExitCode, string? Reason, string? LogTail);

/// <summary>A container of this cluster as a runtime lists it.</summary>
public sealed record RuntimeContainer(string RuntimeId, NodeId Node, FrameworkId Framework, ContainerId Container, bool Running, int? ExitCode);

/// <summary>A runtime could not do what was asked (the image is missing, the program does not exist, the engine refused).</summary>
public sealed class RuntimeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The labels that mark a container as this cluster's own, so that reconciliation finds it.</summary>
public static class ContainerLabels
{
    /// <summary>The cluster id.</summary>
    public const string Cluster = "orleansmesos.cluster";

    /// <summary>The node id.</summary>
    public const string Node = "orleansmesos.node";

    /// <summary>The framework id.</summary>
    public const string Framework = "orleansmesos.framework";

    /// <summary>The framework's container id.</summary>
    public const string Container = "orleansmesos.container";

    /// <summary>The labels of <paramref name="spec"/>.</summary>
    public static Dictionary<string, string> For(LaunchSpec spec) => new()
    {
        [Cluster] = spec.Cluster,
        [Node] = spec.Node.Value,
        [Framework] = spec.Framework.Value,
        [Container] = spec.Container.Value,
    };
}
