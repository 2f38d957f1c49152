using OrleansMesos.Agent.Runtimes;

namespace OrleansMesos.Agent.Tests.Docker;

/// <summary>Launch specs for the tests.</summary>
internal static class Launch
{
    public static LaunchSpec Spec(
        string cluster,
        string? image,
        string? command,
        IReadOnlyList<string>? args = null,
        Resources? limits = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string framework = "fw-1",
        string container = "c-1",
        string? workingDirectory = null,
        IReadOnlyList<string>? gpus = null) =>
        new(
            cluster,
            new NodeId("node-1"),
            new FrameworkId(framework),
            new ContainerId(container),
            image,
            command,
            args ?? [],
            environment ?? new Dictionary<string, string>(),
            limits ?? new Resources(0, 0),
            gpus ?? [],
            workingDirectory);

    /// <summary><c>sh -c script</c>.</summary>
    public static LaunchSpec Shell(string cluster, string image, string script, Resources? limits = null, string container = "c-1") =>
        Spec(cluster, image, "sh", ["-c", script], limits, container: container);
}
